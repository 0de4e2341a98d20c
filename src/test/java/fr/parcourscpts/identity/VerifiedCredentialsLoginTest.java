package fr.parcourscpts.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.compte.Comptes;
import fr.parcourscpts.system.AbuseSuite;
import fr.parcourscpts.system.CompteurSql;

/**
 * HTTP Basic with the cache of verified logins (issue 12): a call with the password
 * verified a moment ago skips the identity store, and nothing else gets in: not a wrong
 * password, not the old password after a change, not a locked or deleted account, not a
 * removed group.
 */
@ApplicationTest
class VerifiedCredentialsLoginTest {

	private static final String ADDRESS = "192.0.2.12";

	/**
	 * What MockMvc answers a call that Spring Security let through: it serves Spring MVC
	 * only, and {@code /engine-rest} is Jersey's servlet.
	 */
	private static final int LET_THROUGH = 404;

	@Autowired
	IdentityService identity;

	@Autowired
	ProcessEngine engine;

	@Autowired
	Comptes comptes;

	LoginAttempts logins;

	@BeforeEach
	void setUp(@Autowired WebApplicationContext context) {
		this.logins = new LoginAttempts(context);
	}

	@Test
	void aSecondCallWithTheSamePasswordReadsNeitherThePasswordNorTheGroups() throws Exception {
		String account = LoginAttempts.newAccount(this.identity, "rapide");

		List<String> first = statements(account, LoginAttempts.PASSWORD, LET_THROUGH);
		List<String> second = statements(account, LoginAttempts.PASSWORD, LET_THROUGH);

		assertThat(identityStore(first)).as("the first call checks the password, groups and tenants")
			.hasSizeGreaterThanOrEqualTo(3);
		assertThat(identityStore(second)).as(String.join("\n", second)).isEmpty();
		assertThat(second).hasSizeLessThanOrEqualTo(first.size() - 3);
	}

	@Test
	void aWrongPasswordAfterTheRightOneIsRefusedAndCounted() throws Exception {
		String account = LoginAttempts.newAccount(this.identity, "faux");
		assertThat(this.logins.restCall(ADDRESS, account, LoginAttempts.PASSWORD).getStatus()).isEqualTo(LET_THROUGH);

		int wrong = this.logins.restCall(ADDRESS, account, LoginAttempts.PASSWORD + "x").getStatus();
		assertThat(
				AbuseSuite.attempt("comptes", "a wrong password right after the right one (login cache)", wrong == 401))
			.isTrue();
		// the throttle counted it: four more make five failures from this address, a
		// block
		for (int i = 0; i < 4; i++) {
			this.logins.restCall(ADDRESS, account, "devine-" + i);
		}
		assertThat(this.logins.restCall(ADDRESS, account, LoginAttempts.PASSWORD).getStatus())
			.as("even the cached right password is refused from the blocked address")
			.isEqualTo(429);
	}

	@Test
	void theOldPasswordIsRefusedAtOnceAfterAChange() throws Exception {
		String account = LoginAttempts.newAccount(this.identity, "change");
		assertThat(this.logins.restCall(ADDRESS, account, LoginAttempts.PASSWORD).getStatus()).isEqualTo(LET_THROUGH);

		// what Camunda Admin and /engine-rest/user/{id}/credentials do
		User user = this.identity.createUserQuery().userId(account).singleResult();
		user.setPassword("le-nouveau-mot-de-passe");
		this.identity.saveUser(user);

		int old = this.logins.restCall(ADDRESS, account, LoginAttempts.PASSWORD).getStatus();
		assertThat(AbuseSuite.attempt("comptes", "the old password right after a change (login cache)", old == 401))
			.isTrue();
		assertThat(this.logins.restCall(ADDRESS, account, "le-nouveau-mot-de-passe").getStatus())
			.isEqualTo(LET_THROUGH);
	}

	@Test
	void theOldPasswordIsRefusedAtOnceAfterTheUserChangesIt() throws Exception {
		String account = LoginAttempts.newAccount(this.identity, "moncompte");
		assertThat(this.logins.restCall(ADDRESS, account, LoginAttempts.PASSWORD).getStatus()).isEqualTo(LET_THROUGH);

		// "Mon compte", in a transaction of the application
		assertThat(this.comptes.changerMotDePasse(account, LoginAttempts.PASSWORD, "choisi-par-moi-meme")).isEmpty();

		int old = this.logins.restCall(ADDRESS, account, LoginAttempts.PASSWORD).getStatus();
		assertThat(
				AbuseSuite.attempt("comptes", "the old password after the user changed it (login cache)", old == 401))
			.isTrue();
		assertThat(this.logins.restCall(ADDRESS, account, "choisi-par-moi-meme").getStatus()).isEqualTo(LET_THROUGH);
	}

	@Test
	void aLockedAccountIsRefusedAtOnce() throws Exception {
		String account = LoginAttempts.newAccount(this.identity, "verrouille");
		assertThat(this.logins.restCall(ADDRESS, account, LoginAttempts.PASSWORD).getStatus()).isEqualTo(LET_THROUGH);

		// The engine's lockout is off in this service; turned on for a moment, one wrong
		// password locks the account in the engine.
		ProcessEngineConfigurationImpl configuration = (ProcessEngineConfigurationImpl) this.engine
			.getProcessEngineConfiguration();
		int maxAttempts = configuration.getLoginMaxAttempts();
		configuration.setLoginMaxAttempts(1);
		try {
			assertThat(this.identity.checkPassword(account, "faux")).isFalse();
			assertThat(this.identity.checkPassword(account, LoginAttempts.PASSWORD)).as("locked in the engine")
				.isFalse();

			int locked = this.logins.restCall(ADDRESS, account, LoginAttempts.PASSWORD).getStatus();
			assertThat(AbuseSuite.attempt("comptes", "a locked account with its cached password (login cache)",
					locked == 401))
				.isTrue();
		}
		finally {
			configuration.setLoginMaxAttempts(maxAttempts);
			this.identity.unlockUser(account);
		}
	}

	@Test
	void aDeletedAccountIsRefusedAtOnce() throws Exception {
		String account = LoginAttempts.newAccount(this.identity, "supprime");
		assertThat(this.logins.restCall(ADDRESS, account, LoginAttempts.PASSWORD).getStatus()).isEqualTo(LET_THROUGH);

		this.identity.deleteUser(account);

		int deleted = this.logins.restCall(ADDRESS, account, LoginAttempts.PASSWORD).getStatus();
		assertThat(AbuseSuite.attempt("comptes", "a deleted account with its cached password (login cache)",
				deleted == 401))
			.isTrue();
	}

	@Test
	void aGroupAddedOrRemovedChangesTheNextCall() throws Exception {
		String account = LoginAttempts.newAccount(this.identity, "groupe");
		assertThat(this.logins.restCall(ADDRESS, account, LoginAttempts.PASSWORD).getStatus()).isEqualTo(LET_THROUGH);

		// made a porteur: porteurs never reach the engine's API
		this.identity.createMembership(account, Institution.PORTEURS.groupId());
		int asPorteur = this.logins.restCall(ADDRESS, account, LoginAttempts.PASSWORD).getStatus();
		assertThat(AbuseSuite.attempt("comptes", "the engine's API with the groups cached before becoming a porteur",
				asPorteur == 403))
			.isTrue();

		this.identity.deleteMembership(account, Institution.PORTEURS.groupId());
		assertThat(this.logins.restCall(ADDRESS, account, LoginAttempts.PASSWORD).getStatus()).isEqualTo(LET_THROUGH);
	}

	private List<String> statements(String account, String password, int status) {
		return CompteurSql.statements(() -> {
			try {
				assertThat(this.logins.restCall(ADDRESS, account, password).getStatus()).isEqualTo(status);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/** The statements reading the users, their groups and their tenants. */
	private static List<String> identityStore(List<String> sql) {
		return sql.stream().filter((statement) -> statement.toUpperCase(Locale.ROOT).contains("ACT_ID_")).toList();
	}

}
