package fr.parcourscpts.garde;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.AbuseSuite;

/**
 * An agent reads their own user and nobody else's: no directory of the users of every
 * region with their addresses, and no profile change through the engine.
 */
@ApplicationTest
class AnnuaireRestreintTest {

	private static final String CATEGORIE = "annuaire";

	@Autowired
	ProcessEngine engine;

	@LocalServerPort
	int port;

	MoteurFixtures fixtures;

	@BeforeEach
	void setUp() {
		this.fixtures = new MoteurFixtures(this.engine, this.port);
	}

	@Test
	void anAgentListsOnlyItself() throws Exception {
		HttpResponse<String> users = this.fixtures.rest("GET", "/user", "ars.76", null);
		HttpResponse<String> count = this.fixtures.rest("GET", "/user/count", "ars.76", null);

		assertThat(users.statusCode()).isEqualTo(200);
		boolean refused = !users.body().contains("ars.52") && !users.body().contains("cpam.76")
				&& users.body().contains("\"id\":\"ars.76\"");
		AbuseSuite.attempt(CATEGORIE, "ars.76 liste les utilisateurs de toutes les régions", refused);
		assertThat(users.body()).contains("\"id\":\"ars.76\"").doesNotContain("ars.52").doesNotContain("cpam.76");
		assertThat(count.body()).isEqualTo("{\"count\":1}");
	}

	@Test
	void anAgentReadsNoOtherProfileAndChangesNoProfileThroughTheEngine() throws Exception {
		HttpResponse<String> other = this.fixtures.rest("GET", "/user/cpam.52/profile", "ars.76", null);
		HttpResponse<String> change = this.fixtures.rest("PUT", "/user/ars.76/profile", "ars.76",
				"{\"id\":\"ars.76\",\"firstName\":\"Agence\",\"lastName\":\"ARS\",\"email\":\"pirate@exemple.invalid\"}");

		AbuseSuite.attempt(CATEGORIE, "ars.76 lit le profil de cpam.52",
				other.statusCode() >= 400 && other.statusCode() < 500);
		AbuseSuite.attempt(CATEGORIE, "ars.76 change son adresse par le moteur", change.statusCode() == 403);
		assertThat(other.statusCode()).isBetween(400, 499);
		assertThat(other.body()).doesNotContain("@");
		assertThat(change.statusCode()).as(change.body()).isEqualTo(403);
		assertThat(this.engine.getIdentityService().createUserQuery().userId("ars.76").singleResult().getEmail())
			.isNotEqualTo("pirate@exemple.invalid");
	}

}
