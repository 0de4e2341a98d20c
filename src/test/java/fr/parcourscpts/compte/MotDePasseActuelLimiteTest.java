package fr.parcourscpts.compte;

import static fr.parcourscpts.compte.Navigateur.destination;
import static fr.parcourscpts.compte.Navigateur.texte;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.ratelimit.SettableClock;
import fr.parcourscpts.system.AbuseSuite;

/**
 * The current password asked by "Mon compte" is limited like the login: a borrowed
 * session cannot guess it, and the wait ends by itself.
 */
@ApplicationTest
class MotDePasseActuelLimiteTest {

	private static final String ACTUEL = "mot-de-passe-actuel-garde";

	private static final String SUIVANT = "mot-de-passe-suivant-garde";

	@LocalServerPort
	int port;

	@Autowired
	Comptes comptes;

	@Autowired
	LiensEnregistres liens;

	@Autowired
	IdentityService identity;

	@Autowired
	SettableClock clock;

	@AfterEach
	void remettreLHorloge() {
		this.clock.reset();
	}

	@Test
	void guessesOfTheCurrentPasswordAreLimitedAndTheWaitEnds() throws Exception {
		String email = ComptesDeTest.adresse("session");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, email, ACTUEL);
		Navigateur navigateur = new Navigateur(this.port);
		assertThat(destination(navigateur.seConnecter(email, ACTUEL))).isEqualTo("/accueil");
		int seuil = Comptes.MOT_DE_PASSE_ACTUEL.threshold();
		for (int i = 1; i < seuil; i++) {
			assertThat(texte(changer(navigateur, "devine-" + i))).contains("Le mot de passe actuel est incorrect.");
		}
		assertThat(texte(changer(navigateur, "devine"))).contains("Trop d'essais du mot de passe actuel.");

		HttpResponse<String> avecLeBon = changer(navigateur, ACTUEL);
		assertThat(AbuseSuite.attempt("comptes", seuil + " guesses of the current password, then the right one",
				avecLeBon.statusCode() == 200 && this.identity.checkPassword(email, ACTUEL)))
			.isTrue();

		this.clock.advance(Comptes.MOT_DE_PASSE_ACTUEL.firstDelay().plusSeconds(1));
		assertThat(destination(changer(navigateur, ACTUEL))).isEqualTo("/compte?motDePasseChange");
		assertThat(this.identity.checkPassword(email, SUIVANT)).isTrue();
	}

	private static HttpResponse<String> changer(Navigateur navigateur, String actuel) throws Exception {
		return navigateur.poster("/compte", "/compte/mot-de-passe", "actuel", actuel, "motDePasse", SUIVANT,
				"confirmation", SUIVANT);
	}

}
