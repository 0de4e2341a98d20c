package fr.parcourscpts.intention;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import fr.parcourscpts.garde.ControleSorties;

/**
 * Refuses to complete an agent task of {@code cpts-creation} whose decision is outside
 * the rules, whatever the client (Tasklist form, REST, portal): unknown decision values,
 * a refusal, an opposition or a derogation without its reason, an opposition on a ground
 * the law does not allow (L1434-12: only an inconsistency with the PRS or an irrelevant
 * territory), a grant without an amount. A {@code complete} task listener placed before
 * {@code decisionRecorder}; the forms ask for the same fields so agents rarely see it.
 * The engine's guard runs the same rules before an agent's completion starts, so that a
 * person gets a 400 naming the field ({@link ControleSorties}).
 */
@Component("controleDecisions")
public class ControleDecisions implements TaskListener, ControleSorties {

	private static final Set<String> NOTES = Set.of(AvisUrps.FAVORABLE, AvisUrps.RESERVE, AvisUrps.DEFAVORABLE);

	@Override
	public void notify(DelegateTask task) {
		Map<String, String> erreurs = new LinkedHashMap<>();
		verifier(task.getTaskDefinitionKey(), task::getVariable, erreurs);
		if (!erreurs.isEmpty()) {
			throw new BadUserRequestException("Décision incomplète (" + task.getTaskDefinitionKey() + ") : "
					+ String.join(" ; ", erreurs.values()));
		}
		if (CreationProcess.DECIDER_FINANCEMENT_FIR.equals(task.getTaskDefinitionKey())
				&& task.getVariable(CreationProcess.MONTANT_FIR_ACCORDE) instanceof Number montant) {
			// Tasklist sends 40000 as an Integer: the contract says Double.
			task.setVariable(CreationProcess.MONTANT_FIR_ACCORDE, montant.doubleValue());
		}
	}

	@Override
	public void verifier(String tache, Sorties sorties, Map<String, String> erreurs) {
		switch (tache) {
			case CreationProcess.VERIFIER_COMPLETUDE -> {
				String completude = valeur(sorties, CreationProcess.COMPLETUDE, erreurs,
						Set.of("complete", "corrections", "irrecevable"));
				if (completude != null && !"complete".equals(completude)) {
					requis(sorties, CreationProcess.MOTIF_COMPLETUDE, erreurs);
				}
			}
			case CreationProcess.RENDRE_AVIS_URPS -> {
				valeur(sorties, CreationProcess.CRITERE_MISSIONS, erreurs, NOTES);
				valeur(sorties, CreationProcess.CRITERE_MOBILISATION, erreurs, NOTES);
				valeur(sorties, CreationProcess.CRITERE_TERRITOIRE, erreurs, NOTES);
				valeur(sorties, CreationProcess.AVIS_GLOBAL, erreurs, NOTES);
			}
			case CreationProcess.TRANSMETTRE_AVIS_ARS -> {
				String avis = valeur(sorties, CreationProcess.AVIS_CONSOLIDE_FINAL, erreurs, NOTES);
				if (avis != null && !avis.equals(sorties.valeur(CreationProcess.AVIS_CONSOLIDE))) {
					requis(sorties, CreationProcess.MOTIF_DEROGATION, erreurs);
				}
			}
			case CreationProcess.DECIDER_FINANCEMENT_FIR -> {
				String decision = valeur(sorties, CreationProcess.DECISION_FIR, erreurs,
						Set.of("accorde", "refuse", "complementDemande"));
				if ("accorde".equals(decision)
						&& !(sorties.valeur(CreationProcess.MONTANT_FIR_ACCORDE) instanceof Number montant
								&& montant.doubleValue() > 0)) {
					erreurs.put(CreationProcess.MONTANT_FIR_ACCORDE,
							CreationProcess.MONTANT_FIR_ACCORDE + " doit être un montant positif");
				}
				if ("refuse".equals(decision)) {
					requis(sorties, CreationProcess.MOTIF_REFUS_FIR, erreurs);
				}
				if ("complementDemande".equals(decision)) {
					requis(sorties, CreationProcess.QUESTION_FIR, erreurs);
				}
			}
			case CreationProcess.DONNER_AVIS_CPAM -> valeur(sorties, CreationProcess.AVIS_CPAM, erreurs, NOTES);
			case CreationProcess.DECIDER_PROJET_SANTE -> {
				String decision = valeur(sorties, CreationProcess.DECISION_PROJET, erreurs,
						Set.of("valide", "oppose", "correction"));
				if ("oppose".equals(decision)) {
					valeur(sorties, CreationProcess.MOTIF_OPPOSITION, erreurs,
							Set.of("incoherencePrs", "territoireNonPertinent"));
					requis(sorties, CreationProcess.COMMENTAIRE_OPPOSITION, erreurs);
				}
				if ("correction".equals(decision)) {
					valeur(sorties, CreationProcess.TYPE_CORRECTION, erreurs, Set.of("incorrect", "incomplet"));
					requis(sorties, CreationProcess.OBJET_CORRECTION, erreurs);
				}
			}
			default -> {
				// another module's task, or a porteur task: the portal checks what it
				// sends
			}
		}
	}

	private static String valeur(Sorties sorties, String variable, Map<String, String> erreurs, Set<String> permises) {
		Object valeur = sorties.valeur(variable);
		if (valeur == null || !permises.contains(valeur.toString())) {
			erreurs.put(variable, variable + " doit valoir " + String.join(" | ", permises.stream().sorted().toList()));
			return null;
		}
		return valeur.toString();
	}

	private static void requis(Sorties sorties, String variable, Map<String, String> erreurs) {
		if (sorties.texte(variable).isEmpty()) {
			erreurs.put(variable, variable + " est obligatoire");
		}
	}

}
