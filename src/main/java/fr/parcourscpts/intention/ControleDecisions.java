package fr.parcourscpts.intention;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Refuses to complete an agent task of {@code cpts-creation} whose decision is outside
 * the rules, whatever the client (Tasklist form, REST, portal): unknown decision values,
 * a refusal, an opposition or a derogation without its reason, an opposition on a ground
 * the law does not allow (L1434-12: only an inconsistency with the PRS or an irrelevant
 * territory), a grant without an amount. A {@code complete} task listener placed before
 * {@code decisionRecorder}; the forms ask for the same fields so agents rarely see it.
 */
@Component("controleDecisions")
public class ControleDecisions implements TaskListener {

	private static final Set<String> NOTES = Set.of(AvisUrps.FAVORABLE, AvisUrps.RESERVE, AvisUrps.DEFAVORABLE);

	@Override
	public void notify(DelegateTask task) {
		List<String> erreurs = new ArrayList<>();
		switch (task.getTaskDefinitionKey()) {
			case CreationProcess.VERIFIER_COMPLETUDE -> {
				String completude = valeur(task, CreationProcess.COMPLETUDE, erreurs,
						Set.of("complete", "corrections", "irrecevable"));
				if (completude != null && !"complete".equals(completude)) {
					requis(task, CreationProcess.MOTIF_COMPLETUDE, erreurs);
				}
			}
			case CreationProcess.RENDRE_AVIS_URPS -> {
				valeur(task, CreationProcess.CRITERE_MISSIONS, erreurs, NOTES);
				valeur(task, CreationProcess.CRITERE_MOBILISATION, erreurs, NOTES);
				valeur(task, CreationProcess.CRITERE_TERRITOIRE, erreurs, NOTES);
				valeur(task, CreationProcess.AVIS_GLOBAL, erreurs, NOTES);
			}
			case CreationProcess.TRANSMETTRE_AVIS_ARS -> {
				String avis = valeur(task, CreationProcess.AVIS_CONSOLIDE_FINAL, erreurs, NOTES);
				if (avis != null && !avis.equals(task.getVariable(CreationProcess.AVIS_CONSOLIDE))) {
					requis(task, CreationProcess.MOTIF_DEROGATION, erreurs);
				}
			}
			case CreationProcess.DECIDER_FINANCEMENT_FIR -> {
				String decision = valeur(task, CreationProcess.DECISION_FIR, erreurs,
						Set.of("accorde", "refuse", "complementDemande"));
				if ("accorde".equals(decision)) {
					if (task.getVariable(CreationProcess.MONTANT_FIR_ACCORDE) instanceof Number montant
							&& montant.doubleValue() > 0) {
						// Tasklist sends 40000 as an Integer: the contract says Double.
						task.setVariable(CreationProcess.MONTANT_FIR_ACCORDE, montant.doubleValue());
					}
					else {
						erreurs.add(CreationProcess.MONTANT_FIR_ACCORDE + " doit être un montant positif");
					}
				}
				if ("refuse".equals(decision)) {
					requis(task, CreationProcess.MOTIF_REFUS_FIR, erreurs);
				}
				if ("complementDemande".equals(decision)) {
					requis(task, CreationProcess.QUESTION_FIR, erreurs);
				}
			}
			case CreationProcess.DONNER_AVIS_CPAM -> valeur(task, CreationProcess.AVIS_CPAM, erreurs, NOTES);
			case CreationProcess.DECIDER_PROJET_SANTE -> {
				String decision = valeur(task, CreationProcess.DECISION_PROJET, erreurs,
						Set.of("valide", "oppose", "correction"));
				if ("oppose".equals(decision)) {
					valeur(task, CreationProcess.MOTIF_OPPOSITION, erreurs,
							Set.of("incoherencePrs", "territoireNonPertinent"));
					requis(task, CreationProcess.COMMENTAIRE_OPPOSITION, erreurs);
				}
				if ("correction".equals(decision)) {
					valeur(task, CreationProcess.TYPE_CORRECTION, erreurs, Set.of("incorrect", "incomplet"));
					requis(task, CreationProcess.OBJET_CORRECTION, erreurs);
				}
			}
			default -> {
				// porteur tasks: the portal checks what it sends
			}
		}
		if (!erreurs.isEmpty()) {
			throw new BadUserRequestException(
					"Décision incomplète (" + task.getTaskDefinitionKey() + ") : " + String.join(" ; ", erreurs));
		}
	}

	private static String valeur(DelegateTask task, String variable, List<String> erreurs, Set<String> permises) {
		Object valeur = task.getVariable(variable);
		if (valeur == null || !permises.contains(valeur.toString())) {
			erreurs.add(variable + " doit valoir " + String.join(" | ", permises.stream().sorted().toList()));
			return null;
		}
		return valeur.toString();
	}

	private static void requis(DelegateTask task, String variable, List<String> erreurs) {
		Object valeur = task.getVariable(variable);
		if (valeur == null || valeur.toString().isBlank()) {
			erreurs.add(variable + " est obligatoire");
		}
	}

}
