package fr.parcourscpts.evaluation;

/**
 * The ids and variable names of the process {@code evaluation-annuelle}.
 */
public final class EvaluationProcess {

	public static final String PROCESS_ID = "evaluation-annuelle";

	public static final String DECISION_PAIEMENT = "paiement-annuel";

	// Activities and events

	public static final String ANNIVERSAIRE_ATTEINT = "anniversaireContratAtteint";

	public static final String TRANSMETTRE_RAPPORT = "transmettreRapportActivite";

	public static final String RELANCE_RAPPORT = "relanceRapportActivite";

	public static final String EVALUER_INDICATEURS = "evaluerIndicateurs";

	public static final String CO_VALIDER = "coValiderEvaluation";

	public static final String DETERMINER_REGLES_PAIEMENT = "determinerReglesPaiement";

	public static final String CALCULER_PAIEMENT = "calculerPaiement";

	public static final String DECIDER_RESILIATION = "deciderResiliation";

	public static final String FIN_EVALUATION = "evaluationCloturee";

	public static final String FIN_RESILIATION = "resiliationDecidee";

	// Notifications ("evenement" of the notifier)

	public static final String EVENEMENT_RAPPORT_ATTENDU = "rapportActiviteAttendu";

	public static final String EVENEMENT_RELANCE_RAPPORT = "relanceRapportActivite";

	public static final String EVENEMENT_EVALUATION = "evaluationNotifiee";

	// Variables consumed (from contrat-aci)

	public static final String NUMERO_EVALUATION = "numeroEvaluation";

	public static final String DATE_ANNIVERSAIRE = "dateAnniversaire";

	// Indicators reported by the porteur (portal)

	public static final String PATIENTS_SANS_MT_ACCOMPAGNES = "patientsSansMedecinTraitantAccompagnes";

	public static final String CRENEAUX_SOINS_NON_PROGRAMMES = "creneauxSoinsNonProgrammes";

	public static final String TAUX_REPONSE_SOINS_NON_PROGRAMMES = "tauxReponseSoinsNonProgrammes";

	public static final String PARTICIPATION_CAMPAGNES_PREVENTION = "participationCampagnesPrevention";

	public static final String COUVERTURE_VACCINALE = "couvertureVaccinale";

	public static final String REUNIONS_PLURIPROFESSIONNELLES = "reunionsPluriprofessionnelles";

	public static final String PROJETS_PLURIPROFESSIONNELS = "projetsPluriprofessionnels";

	public static final String HOSPITALISATIONS_EVITABLES = "hospitalisationsEvitables";

	// CPAM evaluation

	/** Prefix of the achievement rate (0..100) of a mission: {@code tauxAccesSoins}. */
	public static final String TAUX = "taux";

	/** Boolean. */
	public static final String MISSIONS_DEPLOYEES = "missionsDeployees";

	public static final String COMMENTAIRE_EVALUATION = "commentaireEvaluation";

	// ARS co-validation

	/** {@code accord} or {@code desaccord}. */
	public static final String AVIS_ARS = "avisArs";

	public static final String MOTIF_DESACCORD_ARS = "motifDesaccordArs";

	// Payment

	/** Double, from the DMN: the share of the fixed part paid in advance (0.75). */
	public static final String TAUX_AVANCE = "tauxAvance";

	/** Boolean, from the DMN: whether the variable part is due this year. */
	public static final String PART_VARIABLE_DUE = "partVariableDue";

	/** Long, euros. */
	public static final String AVANCE = "avance";

	/** Date: when the advance is due (the anniversary). */
	public static final String DATE_AVANCE = "dateAvance";

	/** Long, euros. */
	public static final String PART_VARIABLE_VERSEE = "partVariableVersee";

	/** Long, euros. */
	public static final String SOLDE = "solde";

	/** Long, euros: advance plus balance. */
	public static final String TOTAL_ANNUEL = "totalAnnuel";

	private EvaluationProcess() {
	}

}
