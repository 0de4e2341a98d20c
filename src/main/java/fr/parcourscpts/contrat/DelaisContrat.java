package fr.parcourscpts.contrat;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

import fr.parcourscpts.dossier.DatesLegales;

/**
 * Every delay of the processes {@code contrat-aci} and {@code evaluation-annuelle}, as
 * ISO-8601 strings read by the models ({@code ${delaisContrat.signature}}): durations
 * ({@code P2M}) for deadlines and task due dates, cycles ({@code R/P7D}) for reminders.
 * Override any of them with {@code parcours.delais.contrat.<name>}.
 */
@Component("delaisContrat")
@ConfigurationProperties(prefix = "parcours.delais.contrat")
public class DelaisContrat {

	/** Due date of the CPAM task preparing the contract. */
	private String preparation = "P1M";

	/** Deadline of the whole signature phase: past it, the contract is not signed. */
	private String signature = "P2M";

	/** Due date of each signature task. */
	private String echeanceSignature = "P1M";

	/** Reminder of a signatory who has not signed yet. */
	private String relanceSignature = "R/P7D";

	/** Due date of the porteur's annual activity report, from the anniversary. */
	private String rapportActivite = "P2M";

	/** Reminder of a porteur whose annual report is late. */
	private String relanceRapport = "R/P15D";

	/** Due date of the CPAM evaluation and of the ARS co-validation. */
	private String evaluation = "P1M";

	/** Due date of the CPAM decision on termination. */
	private String decisionResiliation = "P1M";

	/**
	 * The end of a legal delay that starts today (Paris, engine clock): 00:00 of the day
	 * after its last day, for the timer of the signature deadline.
	 * @param delai an ISO-8601 period such as {@code P2M}
	 * @return when the deadline's timer is due
	 */
	public java.util.Date finDelaiLegal(String delai) {
		return DatesLegales.finDuJour(DatesLegales.dernierJourDepuisAujourdhui(delai));
	}

	/**
	 * The due date of a task: now (engine clock) plus a duration on the Paris calendar,
	 * whatever the zone of the JVM (the engine would add it in that zone).
	 * @param duree an ISO-8601 duration such as {@code P1M}
	 * @return now plus the duration
	 */
	public java.util.Date echeance(String duree) {
		return DatesLegales.apres(org.camunda.bpm.engine.impl.util.ClockUtil.getCurrentTime(), duree);
	}

	public String getPreparation() {
		return this.preparation;
	}

	public void setPreparation(String preparation) {
		this.preparation = preparation;
	}

	public String getSignature() {
		return this.signature;
	}

	public void setSignature(String signature) {
		this.signature = signature;
	}

	public String getEcheanceSignature() {
		return this.echeanceSignature;
	}

	public void setEcheanceSignature(String echeanceSignature) {
		this.echeanceSignature = echeanceSignature;
	}

	public String getRelanceSignature() {
		return this.relanceSignature;
	}

	public void setRelanceSignature(String relanceSignature) {
		this.relanceSignature = relanceSignature;
	}

	public String getRapportActivite() {
		return this.rapportActivite;
	}

	public void setRapportActivite(String rapportActivite) {
		this.rapportActivite = rapportActivite;
	}

	public String getRelanceRapport() {
		return this.relanceRapport;
	}

	public void setRelanceRapport(String relanceRapport) {
		this.relanceRapport = relanceRapport;
	}

	public String getEvaluation() {
		return this.evaluation;
	}

	public void setEvaluation(String evaluation) {
		this.evaluation = evaluation;
	}

	public String getDecisionResiliation() {
		return this.decisionResiliation;
	}

	public void setDecisionResiliation(String decisionResiliation) {
		this.decisionResiliation = decisionResiliation;
	}

}
