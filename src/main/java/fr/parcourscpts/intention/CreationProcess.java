package fr.parcourscpts.intention;

/**
 * The ids of process {@code cpts-creation} (file {@code bpmn/cpts-creation.bpmn}) and of
 * its variables: the API between the model, the portal, the forms and the tests.
 */
public final class CreationProcess {

	/** Process definition key, also the file name. */
	public static final String PROCESS_ID = "cpts-creation";

	/** Decision consolidating the ten URPS opinions. */
	public static final String DECISION_CONSOLIDATION = "consolidation-avis-urps";

	/**
	 * Decision of the region's path ({@code bpmn/parcours-regional.dmn}): who receives
	 * the lettre, how the URPS are heard, which structures accompany.
	 */
	public static final String DECISION_PARCOURS_REGIONAL = "parcours-regional";

	/** Message that abandons the dossier at any step (correlate on the business key). */
	public static final String MESSAGE_ABANDON = "abandonDossier";

	/** The called process of the contract. */
	public static final String CONTRAT_PROCESS_ID = "contrat-aci";

	// Events

	public static final String LETTRE_INTENTION_DEPOSEE = "lettreIntentionDeposee";

	public static final String LETTRE_IRRECEVABLE = "lettreIrrecevable";

	public static final String PROJET_SANTE_OPPOSE = "projetSanteOppose";

	public static final String DOSSIER_ABANDONNE = "dossierAbandonne";

	public static final String CONTRAT_ACI_TERMINE = "contratAciTermine";

	public static final String DELAI_AVIS_URPS_ECOULE = "delaiAvisUrpsEcoule";

	public static final String RELANCE_AVIS_URPS_DUE = "relanceAvisUrpsDue";

	public static final String DELAI_DECISION_FIR_ECOULE = "delaiDecisionFirEcoule";

	public static final String RELANCE_PROJET_SANTE_DUE = "relanceProjetSanteDue";

	public static final String VALIDATION_TACITE_ACQUISE = "validationTaciteAcquise";

	public static final String RAPPEL_VALIDATION_TACITE_DU = "rappelValidationTaciteDu";

	// Activities

	public static final String DETERMINER_PARCOURS_REGIONAL = "determinerParcoursRegional";

	public static final String VERIFIER_COMPLETUDE = "verifierCompletude";

	public static final String CORRIGER_LETTRE_INTENTION = "corrigerLettreIntention";

	public static final String RECUEILLIR_AVIS_URPS = "recueillirAvisUrps";

	public static final String RENDRE_AVIS_URPS = "rendreAvisUrps";

	public static final String COMPTER_AVIS_URPS = "compterAvisUrps";

	public static final String CONSOLIDER_AVIS_URPS = "consoliderAvisUrps";

	public static final String TRANSMETTRE_AVIS_ARS = "transmettreAvisArs";

	public static final String DECIDER_FINANCEMENT_FIR = "deciderFinancementFir";

	public static final String COMPLETER_DEMANDE_FIR = "completerDemandeFir";

	public static final String DEPOSER_PROJET_SANTE = "deposerProjetSante";

	public static final String CALCULER_ECHEANCE_VALIDATION_TACITE = "calculerEcheanceValidationTacite";

	public static final String INSTRUIRE_PROJET_SANTE = "instruireProjetSante";

	public static final String DONNER_AVIS_CPAM = "donnerAvisCpam";

	public static final String DECIDER_PROJET_SANTE = "deciderProjetSante";

	public static final String CORRIGER_PROJET_SANTE = "corrigerProjetSante";

	public static final String PREPARER_ET_SIGNER_CONTRAT = "preparerEtSignerContrat";

	// Start variables (given by the portal)

	public static final String REFERENCE = "reference";

	public static final String REGION = "region";

	public static final String DEPARTEMENT = "departement";

	public static final String NOM_CPTS = "nomCpts";

	public static final String PORTEUR = "porteur";

	public static final String POPULATION = "population";

	public static final String TAILLE_CPTS = "tailleCpts";

	public static final String COMMUNES = "communes";

	/**
	 * The communes of the territory already in another dossier, with its references
	 * ("Blagnac (31069) : CPTS-76-2026-0003 ; …"), empty when none: set by the portal.
	 */
	public static final String COMMUNES_EN_CHEVAUCHEMENT = "communesEnChevauchement";

	public static final String MONTANT_FIR_DEMANDE = "montantFirDemande";

	// The region's path (outputs of decision parcours-regional)

	/**
	 * The group that receives and checks the lettre: {@code guichet-cpts} or {@code ars}.
	 */
	public static final String DESTINATAIRE_LETTRE = "destinataireLettre";

	/** How the URPS are heard: {@link #CONSULTATION_DIX_URPS}, … */
	public static final String CONSULTATION_URPS = "consultationUrps";

	/** The ten URPS opinions, collected by the Guichet CPTS. */
	public static final String CONSULTATION_DIX_URPS = "dixUrps";

	/** One opinion of the region's Inter-URPS (Union des URPS), asked by the ARS. */
	public static final String CONSULTATION_INTER_URPS = "interUrps";

	/** No URPS opinion in the path. */
	public static final String CONSULTATION_AUCUNE = "aucune";

	// Lettre d'intention

	public static final String COMPLETUDE = "completude";

	public static final String MOTIF_COMPLETUDE = "motifCompletude";

	// URPS opinions (per URPS instance, then merged)

	public static final String URPS = "urps";

	public static final String CRITERE_MISSIONS = "critereMissions";

	public static final String COMMENTAIRE_MISSIONS = "commentaireMissions";

	public static final String CRITERE_MOBILISATION = "critereMobilisation";

	public static final String COMMENTAIRE_MOBILISATION = "commentaireMobilisation";

	public static final String CRITERE_TERRITOIRE = "critereTerritoire";

	public static final String COMMENTAIRE_TERRITOIRE = "commentaireTerritoire";

	public static final String AVIS_GLOBAL = "avisGlobal";

	/** JSON object (a String) keyed by URPS group id: the ten opinions. */
	public static final String AVIS_URPS = "avisUrps";

	/** Markdown summary of the ten opinions, for the forms. */
	public static final String SYNTHESE_AVIS_URPS = "syntheseAvisUrps";

	public static final String NB_FAVORABLES = "nbFavorables";

	public static final String NB_RESERVES = "nbReserves";

	public static final String NB_DEFAVORABLES = "nbDefavorables";

	public static final String NB_SANS_AVIS = "nbSansAvis";

	public static final String NB_DEFAVORABLES_MAX_CRITERE = "nbDefavorablesMaxCritere";

	public static final String POURCENTAGE_FAVORABLES = "pourcentageFavorables";

	public static final String AVIS_CONSOLIDE = "avisConsolide";

	public static final String AVIS_CONSOLIDE_FINAL = "avisConsolideFinal";

	public static final String MOTIF_DEROGATION = "motifDerogation";

	// FIR

	public static final String DECISION_FIR = "decisionFir";

	public static final String MONTANT_FIR_ACCORDE = "montantFirAccorde";

	public static final String MOTIF_REFUS_FIR = "motifRefusFir";

	public static final String QUESTION_FIR = "questionFir";

	public static final String REPONSE_FIR = "reponseFir";

	// Projet de santé

	public static final String DATE_DEPOT_PROJET_SANTE = "dateDepotProjetSante";

	public static final String DATE_VALIDATION_TACITE = "dateValidationTacite";

	public static final String DATE_RAPPEL_VALIDATION_TACITE = "dateRappelValidationTacite";

	/**
	 * When the tacit-validation timer is due: 00:00 Paris after the last day
	 * {@link #DATE_VALIDATION_TACITE} (which is kept as that day at noon).
	 */
	public static final String ECHEANCE_VALIDATION_TACITE = "echeanceValidationTacite";

	/** Set on the {@code correction} flow: when the ARS stopped the clock. */
	public static final String DATE_DEMANDE_CORRECTION = "dateDemandeCorrection";

	/**
	 * True while a correction is open: the clock does not run and
	 * {@code dateValidationTacite} will move or restart on return.
	 */
	public static final String VALIDATION_TACITE_EN_PAUSE = "validationTaciteEnPause";

	public static final String AVIS_CPAM = "avisCpam";

	public static final String COMMENTAIRE_AVIS_CPAM = "commentaireAvisCpam";

	public static final String DECISION_PROJET = "decisionProjet";

	public static final String MOTIF_OPPOSITION = "motifOpposition";

	public static final String COMMENTAIRE_OPPOSITION = "commentaireOpposition";

	public static final String TYPE_CORRECTION = "typeCorrection";

	public static final String OBJET_CORRECTION = "objetCorrection";

	/** {@code expresse} or {@code tacite}. */
	public static final String VALIDATION_PROJET = "validationProjet";

	private CreationProcess() {
	}

}
