package fr.parcourscpts.compte;

import static fr.parcourscpts.compte.Navigateur.destination;
import static fr.parcourscpts.compte.Navigateur.texte;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import fr.parcourscpts.ApplicationTest;

/** "Mon compte": what it shows, and the change of password. */
@ApplicationTest
class MonCompteTest {

	private static final String ACTUEL = "mot-de-passe-actuel";

	@LocalServerPort
	int port;

	@Autowired
	Comptes comptes;

	@Autowired
	LiensEnregistres liens;

	@Autowired
	IdentityService identity;

	@Test
	void showsTheAccountAndChangesThePassword() throws Exception {
		String email = ComptesDeTest.adresse("ines");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, email, ACTUEL);
		Navigateur navigateur = new Navigateur(this.port);
		assertThat(destination(navigateur.seConnecter(email, ACTUEL))).isEqualTo("/accueil");

		String page = texte(navigateur.get("/compte"));
		assertThat(page).contains("Mon compte").contains("Camille Martin").contains(email).contains("Médecin");

		HttpResponse<String> court = navigateur.poster("/compte", "/compte/mot-de-passe", "actuel", ACTUEL,
				"motDePasse", "court", "confirmation", "court");
		InscriptionTest.assertErreur(texte(court), "motDePasse",
				"Le mot de passe doit compter au moins 12 caractères.");
		assertThat(this.identity.checkPassword(email, ACTUEL)).isTrue();

		HttpResponse<String> change = navigateur.poster("/compte", "/compte/mot-de-passe", "actuel", ACTUEL,
				"motDePasse", "mot-de-passe-suivant", "confirmation", "mot-de-passe-suivant");
		assertThat(destination(change)).isEqualTo("/compte?motDePasseChange");
		assertThat(texte(navigateur.suivre(change))).contains("Votre mot de passe a été changé.");
		assertThat(destination(new Navigateur(this.port).seConnecter(email, "mot-de-passe-suivant")))
			.isEqualTo("/accueil");
	}

	@Test
	void wrongCurrentPasswordChangesNothing() throws Exception {
		// An account of its own: a wrong password locks the account for a while.
		String email = ComptesDeTest.adresse("jules");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, email, ACTUEL);
		Navigateur navigateur = new Navigateur(this.port);
		assertThat(destination(navigateur.seConnecter(email, ACTUEL))).isEqualTo("/accueil");
		String empreinte = this.identity.createUserQuery().userId(email).singleResult().getPassword();

		HttpResponse<String> refus = navigateur.poster("/compte", "/compte/mot-de-passe", "actuel",
				"pas-le-bon-du-tout", "motDePasse", "mot-de-passe-suivant", "confirmation", "mot-de-passe-suivant");

		assertThat(refus.statusCode()).isEqualTo(200);
		InscriptionTest.assertErreur(texte(refus), "actuel", "Le mot de passe actuel est incorrect.");
		assertThat(texte(refus)).contains("<title>Erreur — Mon compte — Parcours CPTS</title>");
		assertThat(this.identity.createUserQuery().userId(email).singleResult().getPassword()).isEqualTo(empreinte);
	}

	@Test
	void anonymousVisitorIsSentToTheLoginPage() throws Exception {
		assertThat(destination(new Navigateur(this.port).get("/compte"))).isEqualTo("/connexion");
	}

}
