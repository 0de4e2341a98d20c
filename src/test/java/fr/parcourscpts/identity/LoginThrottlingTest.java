package fr.parcourscpts.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.ratelimit.SettableClock;
import fr.parcourscpts.system.AbuseSuite;

/**
 * The limit of failed logins per account and client address: the address that guesses is
 * refused for a while, without its password being checked, and the owner of the account
 * logs in from elsewhere meanwhile. The wait doubles at each new block and ends by
 * itself.
 */
@ApplicationTest
class LoginThrottlingTest {

	private static final String ATTACKER = "203.0.113.66";

	private static final String OWNER = "198.51.100.7";

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
	void fiftyWrongPasswordsFromOneAddressDoNotStopTheOwnerLoggingInFromAnother() throws Exception {
		String account = LoginAttempts.newAccount(this.identity, "cible");
		int refusedUnchecked = 0;
		for (int i = 0; i < 50; i++) {
			if (this.logins.formLogin(ATTACKER, account, "devine-" + i).startsWith("/connexion?attente=")) {
				refusedUnchecked++;
			}
		}
		assertThat(refusedUnchecked).as("attempts refused without checking the password")
			.isEqualTo(50 - this.limits.getParCompteEtAdresse().getSeuil() + 1);

		// Even the right password is refused from the guessing address...
		String fromAttacker = this.logins.formLogin(ATTACKER, account, LoginAttempts.PASSWORD);
		assertThat(AbuseSuite.attempt("comptes", "right password after 50 guesses from the guessing address",
				fromAttacker.startsWith("/connexion?attente=")))
			.isTrue();
		// ...while the owner logs in from their own address.
		assertThat(AbuseSuite.attempt("comptes", "50 wrong passwords from one address lock the owner out",
				"/accueil".equals(this.logins.formLogin(OWNER, account, LoginAttempts.PASSWORD))))
			.isTrue();
		assertThat(this.identity.checkPassword(account, LoginAttempts.PASSWORD)).as("no engine lockout").isTrue();
	}

	@Test
	void theWaitEndsByItselfAndDoublesAtEachNewBlock() throws Exception {
		String account = LoginAttempts.newAccount(this.identity, "patient");
		Duration first = this.limits.getParCompteEtAdresse().getDelai();
		guessUntilBlocked(account);
		assertThat(this.logins.formLogin(ATTACKER, account, LoginAttempts.PASSWORD))
			.isEqualTo("/connexion?attente=" + first.toMinutes());

		this.clock.advance(first.plusSeconds(1));
		guessUntilBlocked(account);
		this.clock.advance(first.plusSeconds(1));
		assertThat(this.logins.formLogin(ATTACKER, account, LoginAttempts.PASSWORD))
			.as("the second block lasts twice as long")
			.startsWith("/connexion?attente=");

		this.clock.advance(first);
		assertThat(this.logins.formLogin(ATTACKER, account, LoginAttempts.PASSWORD)).isEqualTo("/accueil");
	}

	@Test
	void theLongestWaitIsTheCeiling() throws Exception {
		String account = LoginAttempts.newAccount(this.identity, "obstine");
		Duration max = this.limits.getParCompteEtAdresse().getDelaiMax();
		for (int block = 0; block < 8; block++) {
			guessUntilBlocked(account);
			this.clock.advance(max.plusSeconds(1));
		}
		guessUntilBlocked(account);
		assertThat(this.logins.formLogin(ATTACKER, account, LoginAttempts.PASSWORD))
			.isEqualTo("/connexion?attente=" + max.toMinutes());
		this.clock.advance(max.plusSeconds(1));
		assertThat(this.logins.formLogin(ATTACKER, account, LoginAttempts.PASSWORD)).isEqualTo("/accueil");
	}

	@Test
	void theRightPasswordClearsTheFailuresOfItsAddress() throws Exception {
		String account = LoginAttempts.newAccount(this.identity, "distrait");
		int belowThreshold = this.limits.getParCompteEtAdresse().getSeuil() - 1;
		for (int i = 0; i < belowThreshold; i++) {
			assertThat(this.logins.formLogin(OWNER, account, "faute-de-frappe")).isEqualTo("/connexion?error");
		}
		assertThat(this.logins.formLogin(OWNER, account, LoginAttempts.PASSWORD)).isEqualTo("/accueil");
		for (int i = 0; i < belowThreshold; i++) {
			assertThat(this.logins.formLogin(OWNER, account, "faute-de-frappe")).isEqualTo("/connexion?error");
		}
	}

	@Test
	void theLoginPageTellsHowLongToWaitInFrench() throws Exception {
		String account = LoginAttempts.newAccount(this.identity, "lecteur");
		guessUntilBlocked(account);
		String redirect = this.logins.formLogin(ATTACKER, account, "encore");
		assertThat(redirect).isEqualTo("/connexion?attente=1");
		assertThat(this.logins.loginPage(redirect)).contains("Trop de tentatives de connexion pour ce compte.")
			.contains("réessayez dans 1 minute,");
	}

	@Test
	void theRestApiAnswers429WithAFrenchMessageAndChecksNoPassword() throws Exception {
		String account = LoginAttempts.newAccount(this.identity, "robot");
		int threshold = this.limits.getParCompteEtAdresse().getSeuil();
		for (int i = 1; i < threshold; i++) {
			assertThat(this.logins.restCall(ATTACKER, account, "mauvais-" + i).getStatus()).isEqualTo(401);
		}
		assertThat(this.logins.restCall(ATTACKER, account, "mauvais").getStatus()).isEqualTo(429);

		MockHttpServletResponse refused = this.logins.restCall(ATTACKER, account, LoginAttempts.PASSWORD);
		assertThat(AbuseSuite.attempt("comptes", "REST API: right password during the block of a guessing address",
				refused.getStatus() == 429))
			.isTrue();
		assertThat(refused.getHeader("Retry-After")).isNotBlank();
		assertThat(refused.getContentAsString(StandardCharsets.UTF_8)).contains("Trop de tentatives de connexion")
			.contains("réessayez dans 1 minute");
		assertThat(this.logins.restCall(OWNER, account, LoginAttempts.PASSWORD).getStatus()).isNotIn(401, 429);
	}

	private void guessUntilBlocked(String account) throws Exception {
		for (int i = 0; i < this.limits.getParCompteEtAdresse().getSeuil(); i++) {
			this.logins.formLogin(ATTACKER, account, "devine-" + i);
		}
	}

}
