package fr.parcourscpts.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the outbox delivers mail ({@code parcours.courriels.*}); the defaults here are the
 * production values.
 */
@ConfigurationProperties(prefix = "parcours.courriels")
public class CourrielsProperties {

	/** The sender shown to every recipient. */
	private String expediteur = "Parcours CPTS <ne-pas-repondre@parcours-cpts.fr>";

	/** Whether the sender job runs on its own (off in the tests, which call it). */
	private boolean envoiPlanifie = true;

	/** Pause between two runs of the sender job. */
	private Duration delaiEnvoi = Duration.ofSeconds(30);

	/** Mails sent at most per run. */
	private int lot = 100;

	/** Attempts before a mail is marked FAILED. */
	private int tentativesMax = 10;

	/** Wait after the first failure; doubled at each further failure. */
	private Duration attenteInitiale = Duration.ofMinutes(1);

	/** The longest wait between two attempts. */
	private Duration attenteMax = Duration.ofHours(1);

	/**
	 * When the daily digests of the agents who chose them are sent (cron, French time).
	 */
	private String resumeQuotidien = "0 0 7 * * *";

	public String getExpediteur() {
		return this.expediteur;
	}

	public void setExpediteur(String expediteur) {
		this.expediteur = expediteur;
	}

	public boolean isEnvoiPlanifie() {
		return this.envoiPlanifie;
	}

	public void setEnvoiPlanifie(boolean envoiPlanifie) {
		this.envoiPlanifie = envoiPlanifie;
	}

	public Duration getDelaiEnvoi() {
		return this.delaiEnvoi;
	}

	public void setDelaiEnvoi(Duration delaiEnvoi) {
		this.delaiEnvoi = delaiEnvoi;
	}

	public int getLot() {
		return this.lot;
	}

	public void setLot(int lot) {
		this.lot = lot;
	}

	public int getTentativesMax() {
		return this.tentativesMax;
	}

	public void setTentativesMax(int tentativesMax) {
		this.tentativesMax = tentativesMax;
	}

	public Duration getAttenteInitiale() {
		return this.attenteInitiale;
	}

	public void setAttenteInitiale(Duration attenteInitiale) {
		this.attenteInitiale = attenteInitiale;
	}

	public Duration getAttenteMax() {
		return this.attenteMax;
	}

	public void setAttenteMax(Duration attenteMax) {
		this.attenteMax = attenteMax;
	}

	public String getResumeQuotidien() {
		return this.resumeQuotidien;
	}

	public void setResumeQuotidien(String resumeQuotidien) {
		this.resumeQuotidien = resumeQuotidien;
	}

	/** The wait after the given number of failed attempts: base × 2^(n−1), capped. */
	Duration attenteApres(int echecs) {
		Duration attente = this.attenteInitiale;
		for (int i = 1; i < echecs && attente.compareTo(this.attenteMax) < 0; i++) {
			attente = attente.multipliedBy(2);
		}
		return (attente.compareTo(this.attenteMax) > 0) ? this.attenteMax : attente;
	}

}
