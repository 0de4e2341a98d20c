package fr.parcourscpts.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.AbuseSuite;

/**
 * The engine's own lockout is off: it locked an account for good after ten wrong
 * passwords typed by anyone (and for seconds after each one). The login throttle of this
 * module limits the failures instead.
 */
@ApplicationTest
class CamundaLockoutDisabledTest {

	@Autowired
	IdentityService identity;

	@Test
	void manyWrongPasswordsDoNotLockTheAccountInTheEngine() {
		String account = LoginAttempts.newAccount(this.identity, "verrou");
		for (int i = 0; i < 25; i++) {
			assertThat(this.identity.checkPassword(account, "faux-" + i)).isFalse();
		}

		boolean rightPasswordAccepted = this.identity.checkPassword(account, LoginAttempts.PASSWORD);
		assertThat(AbuseSuite.attempt("comptes", "25 wrong passwords lock the account in the engine for good",
				rightPasswordAccepted))
			.isTrue();
	}

	@Test
	void aWrongPasswordDelaysNothingInTheEngine() {
		String account = LoginAttempts.newAccount(this.identity, "delai");
		assertThat(this.identity.checkPassword(account, "faux")).isFalse();

		// Camunda's default delay refused even the right password for 3 seconds.
		assertThat(this.identity.checkPassword(account, LoginAttempts.PASSWORD)).isTrue();
	}

}
