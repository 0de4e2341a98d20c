package fr.parcourscpts.compte;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * How long the links sent by mail stay valid, overridable with {@code parcours.comptes.*}
 * (ISO-8601 or {@code 24h}, {@code 7d}), and how many of them may be sent
 * ({@code parcours.comptes.limites.*}).
 */
@Component
@ConfigurationProperties(prefix = "parcours.comptes")
public class ComptesProperties {

	/** Validity of the address confirmation link of a sign-up. */
	private Duration confirmation = Duration.ofHours(24);

	/** Validity of a password reset link. */
	private Duration reinitialisation = Duration.ofHours(1);

	/** Validity of an invitation of a co-porteur. */
	private Duration invitation = Duration.ofDays(7);

	/** How many mails of each kind may be asked for, per recipient and client address. */
	private final Limites limites = new Limites();

	public Limites getLimites() {
		return this.limites;
	}

	public Duration getConfirmation() {
		return this.confirmation;
	}

	public void setConfirmation(Duration confirmation) {
		this.confirmation = confirmation;
	}

	public Duration getReinitialisation() {
		return this.reinitialisation;
	}

	public void setReinitialisation(Duration reinitialisation) {
		this.reinitialisation = reinitialisation;
	}

	public Duration getInvitation() {
		return this.invitation;
	}

	public void setInvitation(Duration invitation) {
		this.invitation = invitation;
	}

	/**
	 * Within {@code fenetre}, at most so many sign-up, reset and invitation mails to one
	 * address and asked from one client address; beyond, none is sent.
	 */
	public static class Limites {

		private Duration fenetre = Duration.ofHours(1);

		private final Quota inscription = new Quota(3, 20);

		private final Quota reinitialisation = new Quota(3, 20);

		private final Quota invitation = new Quota(3, 30);

		public Duration getFenetre() {
			return this.fenetre;
		}

		public void setFenetre(Duration fenetre) {
			this.fenetre = fenetre;
		}

		public Quota getInscription() {
			return this.inscription;
		}

		public Quota getReinitialisation() {
			return this.reinitialisation;
		}

		public Quota getInvitation() {
			return this.invitation;
		}

	}

	/** The number of mails of one kind per window. */
	public static class Quota {

		private int parDestinataire;

		private int parAdresseClient;

		Quota(int parDestinataire, int parAdresseClient) {
			this.parDestinataire = parDestinataire;
			this.parAdresseClient = parAdresseClient;
		}

		public int getParDestinataire() {
			return this.parDestinataire;
		}

		public void setParDestinataire(int parDestinataire) {
			this.parDestinataire = parDestinataire;
		}

		public int getParAdresseClient() {
			return this.parAdresseClient;
		}

		public void setParAdresseClient(int parAdresseClient) {
			this.parAdresseClient = parAdresseClient;
		}

	}

}
