package fr.parcourscpts.identity;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/**
 * A login refused without checking the password, because of too many failures of the
 * account (see {@link LoginThrottle}).
 */
class LoginThrottledException extends AuthenticationException {

	private final Duration retryAfter;

	LoginThrottledException(Duration retryAfter) {
		super("Trop de tentatives de connexion.");
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

	/** The wait in whole minutes, rounded up: "réessayez dans 1 minute" at least. */
	long minutes() {
		long seconds = this.retryAfter.toSeconds();
		return Math.max(1, (seconds + 59) / 60);
	}

}
