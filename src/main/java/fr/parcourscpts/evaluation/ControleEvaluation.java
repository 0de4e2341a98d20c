package fr.parcourscpts.evaluation;

import java.util.Map;
import java.util.Objects;

import org.springframework.stereotype.Component;

import fr.parcourscpts.garde.ControleSorties;

/**
 * The rules on the agents' evaluation tasks, checked by the engine's guard before the
 * task completes: every rate of a mission of the contract between 0 and 100, the yes/no
 * answers and the booleans the process routes on in agreement, the reasons given when
 * required.
 */
@Component
class ControleEvaluation implements ControleSorties {

	@Override
	public void verifier(String tache, Sorties sorties, Map<String, String> erreurs) {
		switch (tache) {
			case EvaluationProcess.EVALUER_INDICATEURS -> {
				for (String taux : new String[] { "tauxAccesSoins", "tauxParcours", "tauxPrevention",
						"tauxCrisesSanitaires" }) {
					taux(sorties, taux, erreurs);
				}
				if (sorties.vrai("missionQualite")) {
					taux(sorties, "tauxQualite", erreurs);
				}
				if (sorties.vrai("missionAccompagnement")) {
					taux(sorties, "tauxAccompagnement", erreurs);
				}
				choix(sorties, "missionsDeployeesChoix", "oui", "non", EvaluationProcess.MISSIONS_DEPLOYEES, erreurs);
				requis(sorties, EvaluationProcess.COMMENTAIRE_EVALUATION, "l'appréciation de l'année", erreurs);
			}
			case EvaluationProcess.CO_VALIDER -> {
				String avis = sorties.texte(EvaluationProcess.AVIS_ARS);
				if (!"accord".equals(avis) && !"desaccord".equals(avis)) {
					erreurs.put(EvaluationProcess.AVIS_ARS, "l'avis de l'ARS doit valoir accord ou desaccord");
				}
				else if ("desaccord".equals(avis)) {
					requis(sorties, EvaluationProcess.MOTIF_DESACCORD_ARS, "le motif du désaccord", erreurs);
				}
			}
			case EvaluationProcess.DECIDER_RESILIATION -> {
				choix(sorties, "decisionResiliation", "resilier", "poursuivre", "resilierContrat", erreurs);
				requis(sorties, "motifResiliation", "le motif de la décision", erreurs);
			}
			default -> {
				// not an evaluation task of an agent
			}
		}
	}

	private static void taux(Sorties sorties, String nom, Map<String, String> erreurs) {
		if (!(sorties.valeur(nom) instanceof Number taux) || taux.doubleValue() < 0 || taux.doubleValue() > 100) {
			erreurs.put(nom, nom + " doit être un taux entre 0 et 100");
		}
	}

	/**
	 * A two-way choice and the boolean the process routes on, computed by the form from
	 * it: both must be given and agree, {@code vrai} meaning the boolean is true.
	 */
	private static void choix(Sorties sorties, String nom, String vrai, String faux, String booleen,
			Map<String, String> erreurs) {
		String choix = sorties.texte(nom);
		if (!vrai.equals(choix) && !faux.equals(choix)) {
			erreurs.put(nom, nom + " doit valoir " + vrai + " ou " + faux);
		}
		else if (!Objects.equals(sorties.valeur(booleen), vrai.equals(choix))) {
			erreurs.put(booleen, booleen + " doit être " + vrai.equals(choix) + " quand " + nom + " vaut " + choix);
		}
	}

	private static void requis(Sorties sorties, String nom, String libelle, Map<String, String> erreurs) {
		if (sorties.texte(nom).isEmpty()) {
			erreurs.put(nom, libelle + " est obligatoire");
		}
	}

}
