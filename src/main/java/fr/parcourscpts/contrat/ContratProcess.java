package fr.parcourscpts.contrat;

/**
 * The ids and variable names of the process {@code contrat-aci}: an API for the caller
 * ({@code cpts-creation}), the portal and the tests.
 */
public final class ContratProcess {

	public static final String PROCESS_ID = "contrat-aci";

	public static final String DECISION_TAILLE = "taille-cpts";

	public static final String DECISION_FINANCEMENT = "financement-cpts";

	// Activities

	public static final String DETERMINER_TAILLE = "determinerTailleCpts";

	/**
	 * Gateway: a missing population matches no flow (an incident, not a silent refusal).
	 */
	public static final String TERRITOIRE_ELIGIBLE = "territoireEligible";

	public static final String DETERMINER_FINANCEMENT = "determinerFinancement";

	public static final String PREPARER_CONTRAT = "preparerContrat";

	public static final String PLANIFIER_CONTRAT = "planifierContrat";

	public static final String SIGNATURE_CONTRAT = "signatureContrat";

	public static final String SIGNER_PORTEUR = "signerContratPorteur";

	public static final String SIGNER_CPAM = "signerContratCpam";

	public static final String SIGNER_ARS = "signerContratArs";

	public static final String RELANCE_SIGNATURE_PORTEUR = "relanceSignaturePorteur";

	public static final String RELANCE_SIGNATURE_CPAM = "relanceSignatureCpam";

	public static final String RELANCE_SIGNATURE_ARS = "relanceSignatureArs";

	public static final String DELAI_SIGNATURE_EXPIRE = "delaiSignatureExpire";

	public static final String EVALUER_ANNEE = "evaluerAnneeContrat";

	// End events

	public static final String FIN_NON_ELIGIBLE = "contratNonEligible";

	public static final String FIN_NON_SIGNE = "contratNonSigne";

	public static final String FIN_RESILIE = "contratResilie";

	public static final String FIN_TERMINE = "contratTermine";

	// Notifications ("evenement" of the notifier)

	public static final String EVENEMENT_NON_ELIGIBLE = "territoireNonEligible";

	public static final String EVENEMENT_RELANCE_SIGNATURE = "relanceSignatureContrat";

	public static final String EVENEMENT_NON_SIGNE = "contratNonSigne";

	public static final String EVENEMENT_SIGNE = "contratSigne";

	public static final String EVENEMENT_RESILIE = "contratResilie";

	// Variables consumed (set by the caller)

	public static final String REFERENCE = "reference";

	public static final String REGION = "region";

	public static final String PORTEUR = "porteur";

	public static final String POPULATION = "population";

	// Variables produced

	/** Integer 1..4. */
	public static final String TAILLE_CPTS = "tailleCpts";

	/** Boolean: population at least the minimum of the table. */
	public static final String ELIGIBLE = "eligible";

	public static final String MONTANT_FONCTIONNEMENT = "montantFonctionnement";

	public static final String MONTANT_ANNUEL_MAXIMUM = "montantAnnuelMaximum";

	public static final String PART_FIXE = "partFixe";

	public static final String PART_VARIABLE = "partVariable";

	/** Date (the form may send an ISO date string: normalised to a Date). */
	public static final String DATE_EFFET_CONTRAT = "dateEffetContrat";

	public static final String DATE_FIN_CONTRAT = "dateFinContrat";

	/** Comma list of the retained mission codes. */
	public static final String MISSIONS_RETENUES = "missionsRetenues";

	public static final String NUMERO_EVALUATION = "numeroEvaluation";

	public static final String DATE_ANNIVERSAIRE = "dateAnniversaire";

	/** Boolean, produced by the evaluation when the CPAM decides. */
	public static final String RESILIER_CONTRAT = "resilierContrat";

	public static final String MOTIF_RESILIATION = "motifResiliation";

	/** {@code nonEligible}, {@code nonSigne}, {@code resilie} or {@code termine}. */
	public static final String ISSUE_CONTRAT = "issueContrat";

	/** Prefix of the amounts per mission: {@code fixeAccesSoins}. */
	public static final String FIXE = "fixe";

	/** Prefix of the amounts per mission: {@code variableAccesSoins}. */
	public static final String VARIABLE = "variable";

	public static final String DATE_DEMARRAGE = "dateDemarrage";

	public static final String DATE_DEPLOIEMENT = "dateDeploiement";

	private ContratProcess() {
	}

}
