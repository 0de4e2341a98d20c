package fr.parcourscpts.agents;

import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * One dossier of the list as the engine and the application know it now.
 *
 * @param etape the activity id of the current step, {@link FiltreDossiers#TERMINE} or
 * {@link FiltreDossiers#EN_ATTENTE}
 * @param libelleEtape the task's name (the model's French label), null for the two others
 * @param groupe the candidate group holding the step, null when the porteur holds it or
 * nobody does
 * @param taches how many open tasks the step has (ten URPS opinions, three signatures)
 * @param aTraiter an open task is offered to the agent's institution
 */
record LigneDossier(String reference, String nomCpts, String departement, OffsetDateTime deposeLe,
		String processInstanceId, String etape, String libelleEtape, String groupe, boolean porteur, int taches,
		boolean aTraiter, Echeance echeance, int nonLus) {

	/** The date that matters now, and what happens on it. */
	record Echeance(Type type, LocalDate date, long joursRestants) {

		/** Legal deadlines first (the engine's timers), a task's due date otherwise. */
		enum Type {

			/** {@code validationTaciteAcquise}: silence becomes validation. */
			VALIDATION_TACITE("validationTaciteAcquise"),
			/** {@code delaiDecisionFirEcoule}: silence becomes refusal of the FIR. */
			REFUS_IMPLICITE_FIR("delaiDecisionFirEcoule"),
			/** {@code delaiAvisUrpsEcoule}: the URPS without opinion are "sans avis". */
			AVIS_URPS("delaiAvisUrpsEcoule"),
			/** {@code delaiSignatureExpire}: the contract is not signed. */
			SIGNATURE("delaiSignatureExpire"),
			/** The due date of the open task. */
			TACHE(null);

			private final String timer;

			Type(String timer) {
				this.timer = timer;
			}

			String timer() {
				return this.timer;
			}

		}

	}

	public boolean termine() {
		return FiltreDossiers.TERMINE.equals(this.etape);
	}

	public Long joursRestants() {
		return (this.echeance != null) ? this.echeance.joursRestants() : null;
	}

}
