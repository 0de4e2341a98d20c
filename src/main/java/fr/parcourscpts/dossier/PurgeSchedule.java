package fr.parcourscpts.dossier;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The clock of the purge: every {@code parcours.purge.intervalle} (1 hour), a run when
 * the time is inside the window of the engine's history cleanup
 * ({@code PARCOURS_NETTOYAGE_DEBUT}, {@code _FIN}: read from the engine, so the two never
 * differ). Every node runs it; the rows of a dossier are held by one node at a time
 * ({@link PurgeDossiers}). Off when {@code parcours.purge.planifiee=false} (the tests
 * call the purge themselves).
 */
@Component
@ConditionalOnProperty(prefix = "parcours.purge", name = "planifiee", havingValue = "true", matchIfMissing = true)
class PurgeSchedule {

	private final PurgeDossiers purge;

	private final Fenetre fenetre;

	PurgeSchedule(PurgeDossiers purge, ProcessEngine engine) {
		this.purge = purge;
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) engine
			.getProcessEngineConfiguration();
		this.fenetre = Fenetre.of(configuration.getHistoryCleanupBatchWindowStartTime(),
				configuration.getHistoryCleanupBatchWindowEndTime());
	}

	@Scheduled(fixedDelayString = "${parcours.purge.intervalle:PT1H}", initialDelayString = "PT5M")
	void purgeInTheWindow() {
		if (this.fenetre != null && this.fenetre.contient(ZonedDateTime.now(this.fenetre.zone()))) {
			this.purge.purger();
		}
	}

	/**
	 * The window as the engine reads it: {@code HH:mm} in the JVM's time zone, or
	 * {@code HH:mm+0100} at that offset; it may pass midnight (22:00–06:00).
	 */
	record Fenetre(LocalTime debut, LocalTime fin, ZoneId zone) {

		/** {@code null} when no window is set: the engine then runs no cleanup either. */
		static Fenetre of(String debut, String fin) {
			if (debut == null || debut.isBlank()) {
				return null;
			}
			// the engine's own rule: a time without offset is the JVM's local time
			ZoneId zone = (debut.length() > 5) ? ZoneOffset.of(debut.substring(5)) : ZoneId.systemDefault();
			LocalTime start = LocalTime.parse(debut.substring(0, 5));
			LocalTime end = (fin == null || fin.isBlank()) ? start : LocalTime.parse(fin.substring(0, 5));
			return new Fenetre(start, end, zone);
		}

		boolean contient(ZonedDateTime instant) {
			LocalTime heure = instant.withZoneSameInstant(this.zone).toLocalTime();
			if (this.debut.equals(this.fin)) {
				return true;
			}
			if (this.debut.isBefore(this.fin)) {
				return !heure.isBefore(this.debut) && heure.isBefore(this.fin);
			}
			return !heure.isBefore(this.debut) || heure.isBefore(this.fin);
		}

	}

}
