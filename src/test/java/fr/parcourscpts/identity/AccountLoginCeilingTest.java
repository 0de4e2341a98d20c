package fr.parcourscpts.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.ratelimit.SettableClock;
import fr.parcourscpts.system.AbuseSuite;

/**
 * The ceiling of failed logins per account across all client addresses: an attacker with
 * many addresses is slowed down too, and the block of the account ends by itself.
 */
@ApplicationTest
class AccountLoginCeilingTest {

	@Autowired
	IdentityService identity;

	@Autowired
	SettableClock clock;

	@Autowired
	LoginThrottleProperties limits;

	LoginAttempts logins;

	@BeforeEach
	void setUp(@Autowired WebApplicationContext context) {
		this.logins = new LoginAttempts(context);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@Test
	void guessesFromManyAddressesBlockTheAccountForAWhileOnly() throws Exception {
		String account = LoginAttempts.newAccount(this.identity, "convoite");
		int ceiling = this.limits.getParCompte().getSeuil();
		int perAddress = this.limits.getParCompteEtAdresse().getSeuil() - 1;
		int guesses = 0;
		for (int address = 1; guesses < ceiling; address++) {
			for (int i = 0; i < perAddress && guesses < ceiling; i++, guesses++) {
				this.logins.formLogin("10.66." + (address / 250) + "." + (address % 250), account, "devine-" + guesses);
			}
		}

		String yetAnotherAddress = this.logins.formLogin("10.99.0.1", account, "devine-encore");
		assertThat(AbuseSuite.attempt("comptes", ceiling + " guesses spread over many addresses, then one more",
				yetAnotherAddress.startsWith("/connexion?attente=")))
			.isTrue();
		assertThat(this.logins.formLogin("198.51.100.8", account, LoginAttempts.PASSWORD))
			.as("the account is blocked from every address")
			.startsWith("/connexion?attente=");

		Duration block = this.limits.getParCompte().getDelai();
		this.clock.advance(block.plusSeconds(1));
		assertThat(this.logins.formLogin("198.51.100.8", account, LoginAttempts.PASSWORD)).isEqualTo("/accueil");
	}

}
