package fr.parcourscpts.notification;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.parcourscpts.dossier.DatesLegales;
import fr.parcourscpts.dossier.DonneesDossier;
import fr.parcourscpts.dossier.DonneesSansDossier;
import fr.parcourscpts.dossier.Dossiers;

/**
 * The mail log of a dossier (the mails about it with their attachments, the digest lines
 * waiting for an agent, what a step left to render after its commit), removed when its
 * retention has passed.
 * <p>
 * The mails about no dossier (account creation, password reset, an invitation without
 * dossier) carry no reference and leave on their own, {@code parcours.purge.courriels-
 * sans-dossier-mois} (6) months after they were written, sent or failed; a mail still
 * waiting to be sent stays. Why 6 months: their links stop working after 24 hours, 1 hour
 * and 7 days; what is left is a trace that the mail went out, kept for the support ("I
 * never got it"), as a log is: the CNIL recommends 6 months to a year for logs, and the
 * shorter end fits a trace of a dead link. To be confirmed by the data protection
 * officer, like the 10 years of the dossiers.
 */
@Component
class PurgeCourriels implements DonneesDossier, DonneesSansDossier {

	/** The tables as the run's detail names them, apart from the dossiers' rows. */
	static final String COURRIEL_SANS_DOSSIER = "courriel (sans dossier)";

	static final String PIECE_JOINTE_SANS_DOSSIER = "courriel_piece_jointe (sans dossier)";

	private final JdbcClient jdbc;

	private final int mois;

	PurgeCourriels(JdbcClient jdbc, @Value("${parcours.purge.courriels-sans-dossier-mois}") int mois) {
		this.jdbc = jdbc;
		this.mois = mois;
	}

	@Override
	public List<String> tables() {
		return List.of("courriel_piece_jointe", "courriel", "courriel_resume", "production_apres_commit");
	}

	@Override
	public Map<String, Integer> purger(Dossiers.Dossier dossier) {
		Map<String, Integer> lignes = new LinkedHashMap<>();
		lignes.put("courriel_piece_jointe", this.jdbc.sql(
				"delete from courriel_piece_jointe where courriel_id in (select id from courriel where reference = :reference)")
			.param("reference", dossier.reference())
			.update());
		lignes.put("courriel",
				this.jdbc.sql("delete from courriel where reference = :reference")
					.param("reference", dossier.reference())
					.update());
		lignes.put("courriel_resume",
				this.jdbc.sql("delete from courriel_resume where reference = :reference")
					.param("reference", dossier.reference())
					.update());
		// what a step left to render after its commit and never rendered (its job ended
		// in
		// an incident): the job, if it runs again, then finds nothing to produce
		lignes.put("production_apres_commit",
				this.jdbc.sql("delete from production_apres_commit where reference = :reference")
					.param("reference", dossier.reference())
					.update());
		return lignes;
	}

	@Override
	public Map<String, Integer> purger(Instant maintenant) {
		// months in Paris: the 6 months the personal data page states, to the day
		OffsetDateTime avant = maintenant.atZone(DatesLegales.PARIS).minusMonths(this.mois).toOffsetDateTime();
		// the same mails for their attachments, then for themselves
		String echus = "reference is null and statut <> :pending and created_at < :avant";
		Map<String, Integer> lignes = new LinkedHashMap<>();
		lignes.put(PIECE_JOINTE_SANS_DOSSIER, this.jdbc
			.sql("delete from courriel_piece_jointe where courriel_id in (select id from courriel where " + echus + ")")
			.param("pending", MailOutbox.PENDING)
			.param("avant", avant)
			.update());
		lignes.put(COURRIEL_SANS_DOSSIER,
				this.jdbc.sql("delete from courriel where " + echus)
					.param("pending", MailOutbox.PENDING)
					.param("avant", avant)
					.update());
		return lignes;
	}

}
