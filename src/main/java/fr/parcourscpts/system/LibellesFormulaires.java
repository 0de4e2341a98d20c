package fr.parcourscpts.system;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fr.parcourscpts.dossier.JoursAffiches;

/**
 * The display variables of the agents' Camunda Forms, in one listener: when the engine
 * creates a task with a form ({@code camunda:formRef}), the raw facts it shows get a copy
 * written for people, as task-local variables that the forms show read-only in their
 * HTML.
 * <ul>
 * <li>{@code <variable>Libelle} ({@code {{if populationLibelle = null then … else
 * populationLibelle}}}, falling back to the raw value for a task created before this
 * existed): "26 632" habitants, "30 000" €, "Toulouse (31555), Blagnac (31069)", the
 * porteur's name, the URPS's name, from {@link Formats}, the one place of formats, so the
 * forms, the portal, the mails and the documents agree;</li>
 * <li>{@code <date>Jour}: the Paris days of the dates the forms show,
 * {@code dateValidationTaciteJour = "15/03/2026"} beside the process variable
 * {@code dateValidationTacite}, and {@code echeanceJour} for the task's own due date (the
 * last day of the FIR decision), from {@link JoursAffiches}, the one place of dates.
 * Tasklist receives a date variable as text in the zone of the server's JVM
 * ({@code 2026-03-16T00:00:00.000+1300} on a server set to Auckland for noon in Paris on
 * the 15th), so a form that cut the day out of it showed the wrong day as soon as the
 * server was not set to Paris; {@link #DATES} lists the dates the forms may show (a test
 * keeps it in step with {@code forms/}).</li>
 * </ul>
 * No form has a field of these names, so no submission can write them back.
 */
@Component
class LibellesFormulaires {

	/** The suffix of a display variable. */
	static final String LIBELLE = "Libelle";

	/** The amounts shown in the forms, each followed by "€" there. */
	static final Set<String> MONTANTS = Set.of("montantFirDemande", "montantFirAccorde", "montantAnnuelMaximum",
			"montantFonctionnement", "partFixe", "partVariable", "partVariableVersee", "avance", "solde",
			"fixeAccesSoins", "fixeParcours", "fixePrevention", "fixeCrisesSanitaires", "fixeQualite",
			"fixeAccompagnement", "variableAccesSoins", "variableParcours", "variablePrevention",
			"variableCrisesSanitaires", "variableQualite", "variableAccompagnement");

	/** The counts shown in the forms. */
	static final Set<String> NOMBRES = Set.of("population");

	/** The suffix of a date's day. */
	static final String JOUR = "Jour";

	/** The last day of the task itself (its due date), for the forms that state it. */
	static final String ECHEANCE = "echeanceJour";

	/** The dates shown in the forms. */
	static final List<String> DATES = List.of("dateAnniversaire", "dateAvance", "dateDepotProjetSante",
			"dateEffetContrat", "dateFinContrat", "dateValidationProjet", "dateValidationTacite",
			"dateDemarrageAccesSoins", "dateDemarrageAccompagnement", "dateDemarrageCrisesSanitaires",
			"dateDemarrageParcours", "dateDemarragePrevention", "dateDemarrageQualite", "dateDeploiementAccesSoins",
			"dateDeploiementAccompagnement", "dateDeploiementCrisesSanitaires", "dateDeploiementParcours",
			"dateDeploiementPrevention", "dateDeploiementQualite");

	private static final JoursAffiches JOURS = new JoursAffiches();

	private final Formats formats;

	LibellesFormulaires(Formats formats) {
		this.formats = formats;
	}

	// camunda.bpm.eventing.task publishes each DelegateTask inside the engine's
	// transaction, before the task is saved (see identity/TaskListVariables)
	@EventListener
	void on(DelegateTask task) {
		if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) || task.getExecution() == null) {
			return;
		}
		UserTask userTask = task.getBpmnModelElementInstance();
		if (userTask == null || userTask.getCamundaFormRef() == null) {
			return;
		}
		Predicate<String> montre = this.montrees.computeIfAbsent(userTask.getCamundaFormRef(),
				LibellesFormulaires::montreesPar);
		if (task.getDueDate() != null && montre.test(ECHEANCE)) {
			task.setVariableLocal(ECHEANCE, JOURS.jour(task.getDueDate()));
		}
		for (String date : DATES) {
			if (!montre.test(date + JOUR)) {
				continue;
			}
			String jour = JOURS.jourDeVariable(task.getExecution().getVariable(date));
			if (jour != null) {
				task.setVariableLocal(date + JOUR, jour);
			}
		}
		for (String montant : MONTANTS) {
			Object value = montre.test(montant + LIBELLE) ? task.getVariable(montant) : null;
			if (value != null) {
				task.setVariableLocal(montant + LIBELLE, this.formats.montantSansDevise(value));
			}
		}
		for (String nombre : NOMBRES) {
			Object value = montre.test(nombre + LIBELLE) ? task.getVariable(nombre) : null;
			if (value != null) {
				task.setVariableLocal(nombre + LIBELLE, this.formats.nombre(value));
			}
		}
		if (montre.test("communes" + LIBELLE) && task.getVariable("communes") instanceof String communes) {
			task.setVariableLocal("communes" + LIBELLE, borne(this.formats.communes(communes)));
		}
		if (montre.test("porteur" + LIBELLE) && task.getVariable("porteur") instanceof String porteur) {
			task.setVariableLocal("porteur" + LIBELLE, this.formats.personne(porteur));
		}
		if (montre.test("urps" + LIBELLE) && task.getVariable("urps") instanceof String urps) {
			task.setVariableLocal("urps" + LIBELLE, this.formats.institution(urps));
		}
	}

	/**
	 * Every display variable this listener may write on a task, whatever its form shows
	 * (the names of the writes above; {@link HistoriqueSansAffichage} keeps no history of
	 * them).
	 */
	static Set<String> noms() {
		Set<String> noms = new HashSet<>();
		noms.add(ECHEANCE);
		DATES.forEach((date) -> noms.add(date + JOUR));
		MONTANTS.forEach((montant) -> noms.add(montant + LIBELLE));
		NOMBRES.forEach((nombre) -> noms.add(nombre + LIBELLE));
		List.of("communes", "porteur", "urps").forEach((fait) -> noms.add(fait + LIBELLE));
		return noms;
	}

	/**
	 * The display variables a form names: only those are written. Each one is a row of
	 * {@code ACT_RU_VARIABLE} and, with history {@code full}, two of history, written
	 * when the task is created and the runtime row deleted when it ends; a task wrote
	 * every display value the process had, shown or not (issue 12, P1: 228 SQL statements
	 * per completed task, more than half of them on variables). A form not found on the
	 * class path (a form of another deployment) gets them all, as before.
	 */
	static Predicate<String> montreesPar(String formRef) {
		try (InputStream form = LibellesFormulaires.class.getResourceAsStream("/forms/" + formRef + ".form")) {
			if (form == null) {
				return (nom) -> true;
			}
			Set<String> noms = new HashSet<>();
			Matcher mot = MOT.matcher(new String(form.readAllBytes(), StandardCharsets.UTF_8));
			while (mot.find()) {
				noms.add(mot.group());
			}
			return noms::contains;
		}
		catch (IOException ex) {
			return (nom) -> true;
		}
	}

	private static final Pattern MOT = Pattern.compile("\\w+");

	/** By form key: the forms are those of the jar, they do not change while it runs. */
	private final Map<String, Predicate<String>> montrees = new ConcurrentHashMap<>();

	/** Well below the 4,000 characters of the engine's text columns. */
	static final int LIBELLE_MAX = 3000;

	/**
	 * A long list cut after its last whole item that fits, with a word that the whole
	 * list is on the dossier's page (a territory may hold hundreds of communes).
	 */
	static String borne(String libelle) {
		if (libelle.length() <= LIBELLE_MAX) {
			return libelle;
		}
		int fin = libelle.lastIndexOf(", ", LIBELLE_MAX - 80);
		return libelle.substring(0, (fin > 0) ? fin : LIBELLE_MAX - 80) + " … (liste complète sur la page du dossier)";
	}

}
