package fr.parcourscpts.intention;

import java.util.Date;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

import fr.parcourscpts.dossier.DatesLegales;

/**
 * Every delay of the {@code cpts-creation} process, as ISO-8601 durations (or a cycle for
 * reminders that repeat), read by the model as {@code ${delaisCreation.avisUrps}}. The
 * defaults are here; each can be overridden with {@code parcours.delais.creation.*}.
 * Months are calendar months: {@code P2M} from 31 December ends on the last day of
 * February, as the engine's own timers compute it.
 */
@Component("delaisCreation")
@ConfigurationProperties(prefix = "parcours.delais.creation")
public class DelaisCreation {

	/** Due date of the completeness check by the Guichet CPTS. */
	private String verificationCompletude = "P15D";

	/** Due date of a correction of the lettre d'intention by the porteur. */
	private String correctionLettre = "P30D";

	/** Deadline of each URPS opinion; after it the URPS is recorded "sans avis". */
	private String avisUrps = "P15D";

	/** Reminder of an URPS that has not answered, counted from the request. */
	private String relanceAvisUrps = "P10D";

	/** Due date of the forwarding of the opinions to the ARS by the Guichet. */
	private String transmissionAvisArs = "P7D";

	/** Deadline of the ARS decision on the FIR; its expiry is an implicit refusal. */
	private String decisionFir = "P2M";

	/** Due date of the porteur's complement to the FIR request. */
	private String complementFir = "P30D";

	/** Due date of the projet de santé (months of work). */
	private String depotProjetSante = "P6M";

	/** Reminder cycle of the porteur while the projet de santé is being written. */
	private String relanceProjetSante = "R/P30D";

	/** Due date of the CPAM opinion on the projet de santé. */
	private String avisCpam = "P1M";

	/** Silence of the ARS that is worth validation of the projet de santé (L1434-12). */
	private String validationTacite = "P2M";

	/** How long before the tacit validation the ARS is reminded. */
	private String rappelValidationTacite = "P15D";

	/** Due date of a correction of the projet de santé by the porteur. */
	private String correctionProjetSante = "P30D";

	/**
	 * The date that lies the given ISO-8601 duration after now (the engine clock), for
	 * the {@code camunda:dueDate} of user tasks.
	 * @param duree an ISO-8601 duration such as {@code P15D} or {@code P2M}
	 * @return now plus the duration
	 */
	public Date echeance(String duree) {
		return ajouter(ClockUtil.getCurrentTime(), duree);
	}

	/**
	 * The end of a legal delay that starts today (Paris, engine clock): 00:00 of the day
	 * after its last day, for the timer of a legal deadline (URPS opinions, FIR silence).
	 * @param delai an ISO-8601 period such as {@code P15D} or {@code P2M}
	 * @return when the deadline's timer is due
	 */
	public Date finDelaiLegal(String delai) {
		return DatesLegales.finDuJour(DatesLegales.dernierJourDepuisAujourdhui(delai));
	}

	/**
	 * The due date of a task whose legal delay starts today: 23:59 Paris of its last day
	 * (the ARS's FIR decision; the receipt tells the porteur that date).
	 * @param delai an ISO-8601 period such as {@code P2M}
	 * @return the last minute of the last day
	 */
	public Date derniereMinuteDelaiLegal(String delai) {
		return DatesLegales.derniereMinute(DatesLegales.dernierJourDepuisAujourdhui(delai));
	}

	/**
	 * The due date of a task whose legal deadline ends with the day of {@code jour}:
	 * 23:59 Paris of that day (the ARS's decision on the projet de santé).
	 * @param jour an instant of the last day
	 * @return the last minute of that day
	 */
	public Date derniereMinute(Date jour) {
		return DatesLegales.derniereMinute(DatesLegales.jour(jour));
	}

	/**
	 * Adds an ISO-8601 duration to a date, with calendar months and days of Paris.
	 * @param date the start
	 * @param duree an ISO-8601 duration such as {@code P15D} or {@code P2M}
	 * @return the date plus the duration
	 */
	public static Date ajouter(Date date, String duree) {
		return DatesLegales.apres(date, duree);
	}

	/**
	 * Subtracts an ISO-8601 duration from a date.
	 * @param date the start
	 * @param duree an ISO-8601 duration such as {@code P15D}
	 * @return the date minus the duration
	 */
	public static Date retrancher(Date date, String duree) {
		return ajouter(date, "-" + duree);
	}

	public String getVerificationCompletude() {
		return this.verificationCompletude;
	}

	public void setVerificationCompletude(String verificationCompletude) {
		this.verificationCompletude = verificationCompletude;
	}

	public String getCorrectionLettre() {
		return this.correctionLettre;
	}

	public void setCorrectionLettre(String correctionLettre) {
		this.correctionLettre = correctionLettre;
	}

	public String getAvisUrps() {
		return this.avisUrps;
	}

	public void setAvisUrps(String avisUrps) {
		this.avisUrps = avisUrps;
	}

	public String getRelanceAvisUrps() {
		return this.relanceAvisUrps;
	}

	public void setRelanceAvisUrps(String relanceAvisUrps) {
		this.relanceAvisUrps = relanceAvisUrps;
	}

	public String getTransmissionAvisArs() {
		return this.transmissionAvisArs;
	}

	public void setTransmissionAvisArs(String transmissionAvisArs) {
		this.transmissionAvisArs = transmissionAvisArs;
	}

	public String getDecisionFir() {
		return this.decisionFir;
	}

	public void setDecisionFir(String decisionFir) {
		this.decisionFir = decisionFir;
	}

	public String getComplementFir() {
		return this.complementFir;
	}

	public void setComplementFir(String complementFir) {
		this.complementFir = complementFir;
	}

	public String getDepotProjetSante() {
		return this.depotProjetSante;
	}

	public void setDepotProjetSante(String depotProjetSante) {
		this.depotProjetSante = depotProjetSante;
	}

	public String getRelanceProjetSante() {
		return this.relanceProjetSante;
	}

	public void setRelanceProjetSante(String relanceProjetSante) {
		this.relanceProjetSante = relanceProjetSante;
	}

	public String getAvisCpam() {
		return this.avisCpam;
	}

	public void setAvisCpam(String avisCpam) {
		this.avisCpam = avisCpam;
	}

	public String getValidationTacite() {
		return this.validationTacite;
	}

	public void setValidationTacite(String validationTacite) {
		this.validationTacite = validationTacite;
	}

	public String getRappelValidationTacite() {
		return this.rappelValidationTacite;
	}

	public void setRappelValidationTacite(String rappelValidationTacite) {
		this.rappelValidationTacite = rappelValidationTacite;
	}

	public String getCorrectionProjetSante() {
		return this.correctionProjetSante;
	}

	public void setCorrectionProjetSante(String correctionProjetSante) {
		this.correctionProjetSante = correctionProjetSante;
	}

}
