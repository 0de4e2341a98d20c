package fr.parcourscpts.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts events per rule and subject in the table {@code limite}, so that every node of
 * the service sees the same counters. Each count runs in a transaction of its own: it
 * stays counted when the request that caused it fails or rolls back, and the row lock
 * ({@code select ... for update}) keeps two nodes from losing a count.
 */
@Component
public class RateLimiter {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	RateLimiter(JdbcClient jdbc, PlatformTransactionManager transactions, ObjectProvider<Clock> clock) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock.getIfUnique(() -> Clock.system(PARIS));
	}

	/**
	 * How long the subject is still blocked by this rule, without counting anything.
	 * @return the rest of the block, empty when the subject is not blocked
	 */
	public Optional<Duration> blocked(RateLimitRule rule, String subject) {
		Instant now = this.clock.instant();
		return this.jdbc
			.sql("select bloque_jusqu_au from limite where regle = :regle and sujet = :sujet and oublie_le > :now")
			.param("regle", rule.name())
			.param("sujet", fingerprint(subject))
			.param("now", at(now))
			.query((rs, row) -> Optional.ofNullable(rs.getObject(1, OffsetDateTime.class)))
			.optional()
			.flatMap((until) -> until)
			.map(OffsetDateTime::toInstant)
			.filter(now::isBefore)
			.map((until) -> Duration.between(now, until));
	}

	/**
	 * Counts one event of the subject, unless it is blocked already (an event refused
	 * during a block is not counted, so that hammering does not lengthen it).
	 * @return whether the event was allowed, and the block in force after it
	 */
	public Hit record(RateLimitRule rule, String subject) {
		String sujet = fingerprint(subject);
		Hit hit = this.ownTransaction.execute((status) -> count(rule, sujet));
		if (hit == null) {
			try {
				this.ownTransaction.executeWithoutResult((status) -> insert(rule, sujet));
			}
			catch (DuplicateKeyException ex) {
				// Another node or request inserted it first: counted below like any
				// other.
			}
			hit = this.ownTransaction.execute((status) -> count(rule, sujet));
		}
		return hit;
	}

	/** Forgets the subject's counter of this rule (after a successful login, say). */
	public void reset(RateLimitRule rule, String subject) {
		this.jdbc.sql("delete from limite where regle = :regle and sujet = :sujet")
			.param("regle", rule.name())
			.param("sujet", fingerprint(subject))
			.update();
	}

	/** Deletes the counters that count for nothing any more. */
	@Scheduled(fixedDelayString = "${parcours.limites.purge:PT1H}", initialDelayString = "PT5M")
	public void purge() {
		this.jdbc.sql("delete from limite where oublie_le <= :now").param("now", at(this.clock.instant())).update();
	}

	private Hit count(RateLimitRule rule, String sujet) {
		Instant now = this.clock.instant();
		Optional<Counter> found = this.jdbc
			.sql("select nombre, fenetre_debut, paliers, bloque_jusqu_au, oublie_le from limite "
					+ "where regle = :regle and sujet = :sujet for update")
			.param("regle", rule.name())
			.param("sujet", sujet)
			.query((rs, row) -> new Counter(rs.getInt(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
					rs.getInt(3),
					Optional.ofNullable(rs.getObject(4, OffsetDateTime.class))
						.map(OffsetDateTime::toInstant)
						.orElse(null),
					rs.getObject(5, OffsetDateTime.class).toInstant()))
			.optional();
		if (found.isEmpty()) {
			return null;
		}
		Counter counter = found.get();
		if (!now.isBefore(counter.forgottenAt())) {
			counter = Counter.fresh(now);
		}
		if (counter.blockedUntil() != null && now.isBefore(counter.blockedUntil())) {
			return new Hit(false, Duration.between(now, counter.blockedUntil()));
		}
		int events = counter.events();
		Instant windowStart = counter.windowStart();
		if (!now.isBefore(windowStart.plus(rule.window()))) {
			events = 0;
			windowStart = now;
		}
		events++;
		int blocks = counter.blocks();
		Instant blockedUntil = counter.blockedUntil();
		if (events >= rule.threshold()) {
			blockedUntil = now.plus(rule.delay(blocks));
			blocks++;
			events = 0;
			windowStart = now;
		}
		Instant last = (blockedUntil != null && blockedUntil.isAfter(now)) ? blockedUntil : now;
		this.jdbc
			.sql("update limite set nombre = :nombre, fenetre_debut = :debut, paliers = :paliers, "
					+ "bloque_jusqu_au = :bloque, oublie_le = :oubli where regle = :regle and sujet = :sujet")
			.param("nombre", events)
			.param("debut", at(windowStart))
			.param("paliers", blocks)
			.param("bloque", (blockedUntil != null) ? at(blockedUntil) : null, java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
			.param("oubli", at(last.plus(rule.window())))
			.param("regle", rule.name())
			.param("sujet", sujet)
			.update();
		return new Hit(true, (blockedUntil != null && blockedUntil.isAfter(now)) ? Duration.between(now, blockedUntil)
				: Duration.ZERO);
	}

	private void insert(RateLimitRule rule, String sujet) {
		OffsetDateTime now = at(this.clock.instant());
		this.jdbc
			.sql("insert into limite (regle, sujet, nombre, fenetre_debut, paliers, oublie_le) "
					+ "values (:regle, :sujet, 0, :now, 0, :oubli)")
			.param("regle", rule.name())
			.param("sujet", sujet)
			.param("now", now)
			.param("oubli", now.plus(rule.window()))
			.update();
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/** The stored form of a subject: the table never lists an account or an address. */
	static String fingerprint(String subject) {
		try {
			MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(sha256.digest(String.valueOf(subject).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is part of every Java platform", ex);
		}
	}

	/**
	 * The outcome of an event.
	 *
	 * @param allowed false when the subject was blocked already (the event was not
	 * counted)
	 * @param blockedFor how long the subject is blocked now, zero when it is not
	 */
	public record Hit(boolean allowed, Duration blockedFor) {

		public boolean blocked() {
			return !this.blockedFor.isZero();
		}

	}

	private record Counter(int events, Instant windowStart, int blocks, Instant blockedUntil, Instant forgottenAt) {

		static Counter fresh(Instant now) {
			return new Counter(0, now, 0, null, now);
		}

	}

}
