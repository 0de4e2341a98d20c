package fr.parcourscpts.garde;

import java.util.Set;

/**
 * The timers of the models that stand for a legal or contractual deadline (as opposed to
 * reminders): their expiry decides the dossier, so no one may fire them before they are
 * due. A model test checks that every timer of the models is either here or a reminder.
 */
public final class EcheancesLegales {

	/** Activity ids of the legal-deadline timers of the three models. */
	public static final Set<String> TIMERS = Set.of(
			// cpts-creation: URPS opinion deadline, FIR silence (implicit refusal), tacit
			// validation of the projet de santé
			"delaiAvisUrpsEcoule", "delaiDecisionFirEcoule", "validationTaciteAcquise",
			// contrat-aci: signature deadline
			"delaiSignatureExpire",
			// evaluation-annuelle: the contract's anniversary opens the evaluation
			"anniversaireContratAtteint");

	private EcheancesLegales() {
	}

}
