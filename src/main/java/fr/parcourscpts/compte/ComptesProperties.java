package fr.parcourscpts.compte;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * How long the links sent by mail stay valid, overridable with {@code parcours.comptes.*}
 * (ISO-8601 or {@code 24h}, {@code 7d}).
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

}
