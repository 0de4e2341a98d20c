package fr.parcourscpts.identity;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import fr.parcourscpts.ratelimit.RateLimitRule;
import fr.parcourscpts.ratelimit.RateLimiter;

/**
 * The limits of failed logins (see {@link LoginThrottleProperties}). They replace the
 * engine's own lockout, which made an account unusable for good after a few wrong
 * passwords typed by anyone: here a block always ends by itself, and the one that counts
 * per client address leaves the owner of the account free to log in from elsewhere.
 */
@Component
class LoginThrottle {

	private final RateLimiter limiter;

	private final LoginThrottleProperties properties;

	LoginThrottle(RateLimiter limiter, LoginThrottleProperties properties) {
		this.limiter = limiter;
		this.properties = properties;
	}

	/** How long logins of this account from this address are still refused. */
	Optional<Duration> refusal(String userId, String address) {
		return longest(this.limiter.blocked(pairRule(), pair(userId, address)),
				this.limiter.blocked(accountRule(), account(userId)));
	}

	/** Counts a wrong password; returns the block it triggered, if any. */
	Optional<Duration> failed(String userId, String address) {
		RateLimiter.Hit pair = this.limiter.record(pairRule(), pair(userId, address));
		RateLimiter.Hit account = this.limiter.record(accountRule(), account(userId));
		return longest(blockOf(pair), blockOf(account));
	}

	/**
	 * The right password from this address clears its failures. The count across all
	 * addresses stays: the owner's success must not reset an attacker's budget.
	 */
	void succeeded(String userId, String address) {
		this.limiter.reset(pairRule(), pair(userId, address));
	}

	private RateLimitRule pairRule() {
		return rule("connexion-compte-adresse", this.properties.getParCompteEtAdresse());
	}

	private RateLimitRule accountRule() {
		return rule("connexion-compte", this.properties.getParCompte());
	}

	private static RateLimitRule rule(String name, LoginThrottleProperties.Palier palier) {
		return new RateLimitRule(name, palier.getSeuil(), palier.getFenetre(), palier.getDelai(), palier.getDelaiMax());
	}

	private static String account(String userId) {
		return userId.toLowerCase(Locale.ROOT);
	}

	private static String pair(String userId, String address) {
		return account(userId) + "|" + address;
	}

	private static Optional<Duration> blockOf(RateLimiter.Hit hit) {
		return hit.blocked() ? Optional.of(hit.blockedFor()) : Optional.empty();
	}

	@SafeVarargs
	private static Optional<Duration> longest(Optional<Duration>... blocks) {
		return Stream.of(blocks).flatMap(Optional::stream).max(Duration::compareTo);
	}

}
