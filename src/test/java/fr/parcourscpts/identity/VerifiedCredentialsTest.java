package fr.parcourscpts.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The cache of verified logins alone (no Spring, a clock of its own): what it accepts and
 * for how long.
 */
class VerifiedCredentialsTest {

	private static final List<GrantedAuthority> AGENT = List.of(new SimpleGrantedAuthority("GROUP_ars"),
			new SimpleGrantedAuthority("REGION_76"));

	private final AtomicLong nanos = new AtomicLong();

	private final VerifiedCredentials cache = new VerifiedCredentials(properties(Duration.ofSeconds(60), 3),
			this.nanos::get);

	@Test
	void theVerifiedPasswordIsAcceptedWithItsAuthorities() {
		this.cache.remember("ars.76", "secret", AGENT, this.cache.ticket());

		assertThat(this.cache.authoritiesIfVerified("ars.76", "secret")).contains(AGENT);
	}

	@Test
	void anyOtherPasswordOrUserIsNotAccepted() {
		this.cache.remember("ars.76", "secret", AGENT, this.cache.ticket());

		assertThat(this.cache.authoritiesIfVerified("ars.76", "secreT")).isEmpty();
		assertThat(this.cache.authoritiesIfVerified("ars.76", "")).isEmpty();
		assertThat(this.cache.authoritiesIfVerified("ars.76", "secret ")).isEmpty();
		assertThat(this.cache.authoritiesIfVerified("ars.75", "secret")).isEmpty();
	}

	@Test
	void anEntryExpiresItsDurationAfterTheVerificationEvenWhenUsed() {
		this.cache.remember("ars.76", "secret", AGENT, this.cache.ticket());
		this.nanos.addAndGet(Duration.ofSeconds(59).toNanos());
		assertThat(this.cache.authoritiesIfVerified("ars.76", "secret")).isPresent();

		this.nanos.addAndGet(Duration.ofSeconds(2).toNanos());
		assertThat(this.cache.authoritiesIfVerified("ars.76", "secret")).isEmpty();
	}

	@Test
	void aVerificationThatOverlappedAChangeIsNotKept() {
		long ticket = this.cache.ticket();
		// the password changed while the old one was being checked
		this.cache.forget("ars.76");
		this.cache.remember("ars.76", "ancien", AGENT, ticket);

		assertThat(this.cache.authoritiesIfVerified("ars.76", "ancien")).isEmpty();
	}

	@Test
	void forgettingDropsTheUserAndForgettingAllDropsEveryone() {
		this.cache.remember("ars.76", "secret", AGENT, this.cache.ticket());
		this.cache.remember("cpam.76", "autre", AGENT, this.cache.ticket());

		this.cache.forget("ars.76");
		assertThat(this.cache.authoritiesIfVerified("ars.76", "secret")).isEmpty();
		assertThat(this.cache.authoritiesIfVerified("cpam.76", "autre")).isPresent();

		this.cache.forgetAll();
		assertThat(this.cache.authoritiesIfVerified("cpam.76", "autre")).isEmpty();
	}

	@Test
	void theNumberOfEntriesIsBounded() {
		for (int i = 0; i < 50; i++) {
			this.cache.remember("agent." + i, "secret", AGENT, this.cache.ticket());
		}

		assertThat(this.cache.size()).isLessThanOrEqualTo(3);
	}

	@Test
	void aDurationOfZeroKeepsNothing() {
		VerifiedCredentials off = new VerifiedCredentials(properties(Duration.ZERO, 10), this.nanos::get);
		off.remember("ars.76", "secret", AGENT, off.ticket());

		assertThat(off.authoritiesIfVerified("ars.76", "secret")).isEmpty();
	}

	private static VerifiedCredentialsProperties properties(Duration duree, int taille) {
		VerifiedCredentialsProperties properties = new VerifiedCredentialsProperties();
		properties.setDuree(duree);
		properties.setTaille(taille);
		return properties;
	}

}
