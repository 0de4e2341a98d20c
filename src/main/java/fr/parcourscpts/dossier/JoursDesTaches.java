package fr.parcourscpts.dossier;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gives each new user task the dates its Camunda Form shows, as Paris days already
 * written for people: task-local {@code dateValidationTaciteJour = "15/03/2026"} beside
 * the process variable {@code dateValidationTacite}, and {@code echeanceJour} for the
 * task's own due date (the last day of the FIR decision).
 *
 * <p>
 * Tasklist receives a date variable as text in the zone of the server's JVM
 * ({@code 2026-03-16T00:00:00.000+1300} on a server set to Auckland for noon in Paris on
 * the 15th), so a form that cut the day out of it showed the wrong day as soon as the
 * server was not set to Paris. The forms show these texts instead; {@link #AFFICHEES}
 * lists the dates they may show (a test keeps it in step with {@code forms/}).
 */
@Component
class JoursDesTaches {

	static final String SUFFIXE = "Jour";

	/** The last day of the task itself (its due date), for the forms that state it. */
	static final String ECHEANCE = "echeanceJour";

	static final List<String> AFFICHEES = List.of("dateAnniversaire", "dateAvance", "dateDepotProjetSante",
			"dateEffetContrat", "dateFinContrat", "dateValidationProjet", "dateValidationTacite",
			"dateDemarrageAccesSoins", "dateDemarrageAccompagnement", "dateDemarrageCrisesSanitaires",
			"dateDemarrageParcours", "dateDemarragePrevention", "dateDemarrageQualite", "dateDeploiementAccesSoins",
			"dateDeploiementAccompagnement", "dateDeploiementCrisesSanitaires", "dateDeploiementParcours",
			"dateDeploiementPrevention", "dateDeploiementQualite");

	private static final JoursAffiches JOURS = new JoursAffiches();

	// camunda.bpm.eventing.task publishes each DelegateTask inside the engine's
	// transaction, before the task is saved (see identity/TaskListVariables).
	@EventListener
	void on(DelegateTask task) {
		if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) || task.getExecution() == null) {
			return;
		}
		if (task.getDueDate() != null) {
			task.setVariableLocal(ECHEANCE, JOURS.jour(task.getDueDate()));
		}
		for (String date : AFFICHEES) {
			String jour = jour(task.getExecution().getVariable(date));
			if (jour != null) {
				task.setVariableLocal(date + SUFFIXE, jour);
			}
		}
	}

	/** The day of a date variable as people read it, or {@code null}. */
	static String jour(Object valeur) {
		if (valeur instanceof Date date) {
			return JOURS.jour(date);
		}
		if (valeur instanceof String texte && texte.length() >= 10) {
			try {
				// A Camunda Form date field submits the day itself: 2026-09-01.
				return JOURS.jour(LocalDate.parse(texte.substring(0, 10)));
			}
			catch (DateTimeParseException ex) {
				return null;
			}
		}
		return null;
	}

}
