package fr.parcourscpts.compte;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secret of a link sent by mail: 32 random bytes, URL-safe. Only its SHA-256 is
 * stored, so the database alone gives no usable link; a plain hash is enough because the
 * token has 256 bits of entropy (no dictionary to try).
 */
final class Jetons {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Jetons() {
	}

	static String nouveau() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String empreinte(String jeton) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(jeton.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
		}
	}

}
