package fr.parcourscpts.identity;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import org.springframework.security.core.GrantedAuthority;

/**
 * The logins verified in the last seconds, so that a REST client sending HTTP Basic
 * credentials on every call is not checked against the identity store each time (the
 * password, the address confirmation, the groups and the tenants: four statements a call,
 * issue 12).
 * <p>
 * What is kept per user is a keyed hash (HMAC-SHA256 with a secret drawn at start, never
 * written anywhere) of the password that was verified, never the password: a dump of the
 * heap does not give the password, nor a table to test guesses against without the
 * secret. A call is served from here only when the hash of the password it presents
 * equals the kept one (compared in constant time); anything else goes to the full check,
 * so a wrong password is never accepted. Entries expire a fixed time after the
 * verification (not after the last use) and are dropped at once when the identity store
 * changes the user ({@link EvictingIdentityProvider}); a change made on another node of a
 * cluster reaches this one only when the entry expires.
 * <p>
 * A verification that started before a change and ends after it must not put back what
 * the change dropped: {@link #ticket()} is taken before the check and {@link #remember}
 * keeps nothing when any change happened since.
 */
final class VerifiedCredentials {

	private static final String HMAC = "HmacSHA256";

	private final Cache<String, Verified> entries;

	private final SecretKeySpec secret;

	private final boolean enabled;

	/** Incremented by every eviction: see {@link #ticket()}. */
	private long changes;

	VerifiedCredentials(VerifiedCredentialsProperties properties) {
		this(properties, Ticker.systemTicker());
	}

	VerifiedCredentials(VerifiedCredentialsProperties properties, Ticker ticker) {
		this.enabled = !properties.getDuree().isZero() && properties.getTaille() > 0;
		this.entries = Caffeine.newBuilder()
			.maximumSize(Math.max(0, properties.getTaille()))
			.expireAfterWrite(properties.getDuree())
			.ticker(ticker)
			.build();
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		this.secret = new SecretKeySpec(key, HMAC);
	}

	/**
	 * The authorities of this user when this very password was verified for them recently
	 * and nothing changed them since.
	 */
	Optional<List<GrantedAuthority>> authoritiesIfVerified(String userId, String password) {
		if (!this.enabled) {
			return Optional.empty();
		}
		Verified verified = this.entries.getIfPresent(userId);
		if (verified == null || !MessageDigest.isEqual(verified.passwordMac(), mac(userId, password))) {
			return Optional.empty();
		}
		return Optional.of(verified.authorities());
	}

	/** To take before a verification, and to give to {@link #remember}. */
	synchronized long ticket() {
		return this.changes;
	}

	/**
	 * Keeps a verified login, unless the identity store changed anything since the ticket
	 * was taken (the verification may have read what the change replaced).
	 */
	synchronized void remember(String userId, String password, List<GrantedAuthority> authorities, long ticket) {
		if (this.enabled && ticket == this.changes) {
			this.entries.put(userId, new Verified(mac(userId, password), List.copyOf(authorities)));
		}
	}

	/** The user's password, lock, groups or tenants changed, or a wrong password came. */
	synchronized void forget(String userId) {
		this.changes++;
		this.entries.invalidate(userId);
	}

	/** A change of a group or a tenant: any user may be concerned. */
	synchronized void forgetAll() {
		this.changes++;
		this.entries.invalidateAll();
	}

	long size() {
		this.entries.cleanUp();
		return this.entries.estimatedSize();
	}

	/** The user id is in the hash too: the same password of two users hashes apart. */
	private byte[] mac(String userId, String password) {
		try {
			Mac mac = Mac.getInstance(HMAC);
			mac.init(this.secret);
			mac.update(userId.getBytes(StandardCharsets.UTF_8));
			mac.update((byte) 0);
			return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HMAC-SHA256 unavailable", ex);
		}
	}

	private record Verified(byte[] passwordMac, List<GrantedAuthority> authorities) {
	}

}
