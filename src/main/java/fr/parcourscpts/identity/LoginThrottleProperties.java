package fr.parcourscpts.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The limits of failed logins, overridable with {@code parcours.connexion.limites.*}.
 * Failures are counted per account and client address, and per account across all
 * addresses with a much higher threshold; each block ends by itself.
 */
@Component
@ConfigurationProperties(prefix = "parcours.connexion.limites")
public class LoginThrottleProperties {

	/**
	 * Failures of one account from one client address: the attacker's address is slowed
	 * down, the account's owner elsewhere is not.
	 */
	private Palier parCompteEtAdresse = new Palier(5, Duration.ofMinutes(15), Duration.ofMinutes(1),
			Duration.ofMinutes(15));

	/** Failures of one account from all addresses (an attacker with many addresses). */
	private Palier parCompte = new Palier(50, Duration.ofHours(1), Duration.ofMinutes(5), Duration.ofHours(1));

	public Palier getParCompteEtAdresse() {
		return this.parCompteEtAdresse;
	}

	public void setParCompteEtAdresse(Palier parCompteEtAdresse) {
		this.parCompteEtAdresse = parCompteEtAdresse;
	}

	public Palier getParCompte() {
		return this.parCompte;
	}

	public void setParCompte(Palier parCompte) {
		this.parCompte = parCompte;
	}

	/**
	 * After {@code seuil} failures within {@code fenetre}, refused for {@code delai},
	 * then twice as long at each new block, never longer than {@code delaiMax}.
	 */
	public static class Palier {

		private int seuil;

		private Duration fenetre;

		private Duration delai;

		private Duration delaiMax;

		public Palier() {
		}

		Palier(int seuil, Duration fenetre, Duration delai, Duration delaiMax) {
			this.seuil = seuil;
			this.fenetre = fenetre;
			this.delai = delai;
			this.delaiMax = delaiMax;
		}

		public int getSeuil() {
			return this.seuil;
		}

		public void setSeuil(int seuil) {
			this.seuil = seuil;
		}

		public Duration getFenetre() {
			return this.fenetre;
		}

		public void setFenetre(Duration fenetre) {
			this.fenetre = fenetre;
		}

		public Duration getDelai() {
			return this.delai;
		}

		public void setDelai(Duration delai) {
			this.delai = delai;
		}

		public Duration getDelaiMax() {
			return this.delaiMax;
		}

		public void setDelaiMax(Duration delaiMax) {
			this.delaiMax = delaiMax;
		}

	}

}
