package fr.parcourscpts.system;

import java.util.Set;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The display variables of the agents' Camunda Forms: when the engine creates a task with
 * a form ({@code camunda:formRef}), the raw facts it shows get a copy written for people,
 * as task-local variables named {@code <variable>Libelle} that the forms show read-only
 * in their HTML ({@code {{if populationLibelle = null then … else populationLibelle}}},
 * falling back to the raw value for a task created before this existed): "26 632"
 * habitants, "30 000" €, "Toulouse (31555), Blagnac (31069)", the porteur's name, the
 * URPS's name. They are computed by {@link Formats}, the one place of formats, so the
 * forms, the portal and the mails agree. No form has a field of these names, so no
 * submission can write them back.
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

	private final Formats formats;

	LibellesFormulaires(Formats formats) {
		this.formats = formats;
	}

	// camunda.bpm.eventing.task publishes each DelegateTask inside the engine's
	// transaction, before the task is saved
	@EventListener
	void on(DelegateTask task) {
		if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName()) || task.getExecution() == null) {
			return;
		}
		UserTask userTask = task.getBpmnModelElementInstance();
		if (userTask == null || userTask.getCamundaFormRef() == null) {
			return;
		}
		for (String montant : MONTANTS) {
			Object value = task.getVariable(montant);
			if (value != null) {
				task.setVariableLocal(montant + LIBELLE, this.formats.montantSansDevise(value));
			}
		}
		for (String nombre : NOMBRES) {
			Object value = task.getVariable(nombre);
			if (value != null) {
				task.setVariableLocal(nombre + LIBELLE, this.formats.nombre(value));
			}
		}
		if (task.getVariable("communes") instanceof String communes) {
			task.setVariableLocal("communes" + LIBELLE, borne(this.formats.communes(communes)));
		}
		if (task.getVariable("porteur") instanceof String porteur) {
			task.setVariableLocal("porteur" + LIBELLE, this.formats.personne(porteur));
		}
		if (task.getVariable("urps") instanceof String urps) {
			task.setVariableLocal("urps" + LIBELLE, this.formats.institution(urps));
		}
	}

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
