package fr.parcourscpts.compte;

import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import fr.parcourscpts.ratelimit.ClientAddress;
import fr.parcourscpts.ratelimit.RateLimitRule;
import fr.parcourscpts.ratelimit.RateLimiter;

/**
 * How many sign-up, reset and invitation mails may be sent (see
 * {@link ComptesProperties.Limites}), so that nobody floods an inbox nor the outbox. The
 * client address is counted first: a client over its quota then spends nothing of the
 * recipient's, so that one attacker cannot use up the owner's own requests.
 */
@Component
class LimitesDesCourriels {

	private static final Logger logger = LoggerFactory.getLogger(LimitesDesCourriels.class);

	private final RateLimiter limiter;

	private final ComptesProperties proprietes;

	LimitesDesCourriels(RateLimiter limiter, ComptesProperties proprietes) {
		this.limiter = limiter;
		this.proprietes = proprietes;
	}

	/** The kinds of mail that a visitor can have sent. */
	enum Envoi {

		INSCRIPTION, REINITIALISATION, INVITATION

	}

	/**
	 * Counts one mail of this kind to this recipient, asked from this client address.
	 * @return false when a quota is used up: then no mail may be sent
	 */
	boolean permis(Envoi envoi, String destinataire, String adresseClient) {
		ComptesProperties.Quota quota = quota(envoi);
		String nom = "courriel-" + envoi.name().toLowerCase(Locale.ROOT);
		RateLimitRule parClient = RateLimitRule.quota(nom + "-client", quota.getParAdresseClient(),
				this.proprietes.getLimites().getFenetre());
		RateLimitRule parDestinataire = RateLimitRule.quota(nom + "-destinataire", quota.getParDestinataire(),
				this.proprietes.getLimites().getFenetre());
		if (!this.limiter.record(parClient, ClientAddress.of(adresseClient)).allowed()
				|| !this.limiter.record(parDestinataire, Adresses.normaliser(destinataire)).allowed()) {
			logger.info("Mail '{}' not sent: quota used up", nom);
			return false;
		}
		return true;
	}

	private ComptesProperties.Quota quota(Envoi envoi) {
		ComptesProperties.Limites limites = this.proprietes.getLimites();
		return switch (envoi) {
			case INSCRIPTION -> limites.getInscription();
			case REINITIALISATION -> limites.getReinitialisation();
			case INVITATION -> limites.getInvitation();
		};
	}

}
