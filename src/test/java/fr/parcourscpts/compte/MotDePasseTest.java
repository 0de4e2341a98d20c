package fr.parcourscpts.compte;

import static fr.parcourscpts.compte.Navigateur.destination;
import static fr.parcourscpts.compte.Navigateur.texte;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.compte.LienEmis.Objet;

/** "Mot de passe oublié": the request, the link, the new password. */
@ApplicationTest
class MotDePasseTest {

	private static final String ANCIEN = "ancien-mot-de-passe";

	private static final String NOUVEAU = "nouveau-mot-de-passe";

	@LocalServerPort
	int port;

	@Autowired
	Comptes comptes;

	@Autowired
	LiensEnregistres liens;

	@Autowired
	IdentityService identity;

	@Autowired
	JdbcClient jdbc;

	Navigateur navigateur;

	@BeforeEach
	void ouvrirNavigateur() {
		this.navigateur = new Navigateur(this.port);
	}

	@Test
	void resetLinkLetsChooseANewPasswordOnce() throws Exception {
		String email = ComptesDeTest.adresse("nina");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, email, ANCIEN);

		HttpResponse<String> demande = demander(email.toUpperCase());
		assertThat(destination(demande)).isEqualTo("/mot-de-passe/oublie?envoye");
		assertThat(texte(this.navigateur.suivre(demande))).contains(
				"Si un compte existe pour cette adresse, un courriel contenant un lien vient d'y être envoyé. Le lien est valable 1 heure.");
		LienEmis lien = this.liens.dernier(email, Objet.REINITIALISATION);
		assertThat(lien.lien()).startsWith("http://localhost:8080/mot-de-passe/nouveau?jeton=");
		String page = LiensEnregistres.chemin(lien);

		HttpResponse<String> formulaire = this.navigateur.get(page);
		assertThat(formulaire.statusCode()).isEqualTo(200);
		assertThat(texte(formulaire)).contains("Choisir un nouveau mot de passe");

		HttpResponse<String> differents = this.navigateur.poster(page, "/mot-de-passe/nouveau", "jeton",
				LiensEnregistres.jeton(lien), "motDePasse", NOUVEAU, "confirmation", NOUVEAU + "!");
		InscriptionTest.assertErreur(texte(differents), "confirmation",
				"Les deux mots de passe saisis ne sont pas identiques.");

		HttpResponse<String> enregistre = this.navigateur.poster(page, "/mot-de-passe/nouveau", "jeton",
				LiensEnregistres.jeton(lien), "motDePasse", NOUVEAU, "confirmation", NOUVEAU);
		assertThat(destination(enregistre)).isEqualTo("/connexion?motDePasseChange");
		assertThat(texte(this.navigateur.suivre(enregistre))).contains("Votre mot de passe a été changé.");
		assertThat(this.identity.checkPassword(email, NOUVEAU)).isTrue();

		// Used once: the link now only says so.
		assertThat(texte(this.navigateur.get(page))).contains("Ce lien a déjà été utilisé : il ne sert qu'une fois.");
		HttpResponse<String> rejoue = this.navigateur.poster("/mot-de-passe/oublie", "/mot-de-passe/nouveau", "jeton",
				LiensEnregistres.jeton(lien), "motDePasse", "troisieme-mot-de-passe", "confirmation",
				"troisieme-mot-de-passe");
		assertThat(texte(rejoue)).contains("Ce lien a déjà été utilisé");
		assertThat(destination(new Navigateur(this.port).seConnecter(email, NOUVEAU))).isEqualTo("/accueil");
	}

	@Test
	void requestForAnUnknownAddressAnswersExactlyAsForAKnownOne() throws Exception {
		String connue = ComptesDeTest.adresse("omar");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, connue, ANCIEN);
		String inconnue = ComptesDeTest.adresse("personne");

		HttpResponse<String> pourConnue = demander(connue);
		HttpResponse<String> pourInconnue = new Navigateur(this.port).poster("/mot-de-passe/oublie",
				"/mot-de-passe/oublie", "email", inconnue);

		assertThat(pourInconnue.statusCode()).isEqualTo(pourConnue.statusCode());
		assertThat(destination(pourInconnue)).isEqualTo(destination(pourConnue));
		assertThat(this.liens.tous(connue, Objet.REINITIALISATION)).hasSize(1);
		assertThat(this.liens.tous(inconnue, Objet.REINITIALISATION)).isEmpty();
		assertThat(this.identity.createUserQuery().userId(inconnue).count()).isZero();
	}

	@Test
	void expiredResetLinkIsRefusedAndThePasswordStays() throws Exception {
		String email = ComptesDeTest.adresse("rose");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, email, ANCIEN);
		demander(email);
		LienEmis lien = this.liens.dernier(email, Objet.REINITIALISATION);
		ComptesDeTest.expirer(this.jdbc, "compte_jeton", lien);

		assertThat(texte(this.navigateur.get(LiensEnregistres.chemin(lien))))
			.contains("Ce lien a expiré. Demandez-en un nouveau.");
		HttpResponse<String> post = this.navigateur.poster("/mot-de-passe/oublie", "/mot-de-passe/nouveau", "jeton",
				LiensEnregistres.jeton(lien), "motDePasse", NOUVEAU, "confirmation", NOUVEAU);
		assertThat(texte(post)).contains("Ce lien a expiré.");
		assertThat(this.identity.checkPassword(email, ANCIEN)).isTrue();
	}

	@Test
	void resetLinkAlsoConfirmsASignUpThatWasNotYet() throws Exception {
		String email = ComptesDeTest.adresse("yann");
		this.comptes.inscrire(new Comptes.Inscription(email, "Yann", "Le Goff", Profession.BIOLOGISTE, ANCIEN),
				ComptesDeTest.CLIENT);
		assertThat(this.comptes.nonConfirme(email)).isTrue();

		demander(email);
		assertThat(this.comptes.reinitialiser(LiensEnregistres.jeton(this.liens.dernier(email, Objet.REINITIALISATION)),
				NOUVEAU))
			.isEqualTo(EtatLien.VALIDE);

		assertThat(this.comptes.nonConfirme(email)).isFalse();
		assertThat(destination(this.navigateur.seConnecter(email, NOUVEAU))).isEqualTo("/accueil");
	}

	private HttpResponse<String> demander(String email) throws Exception {
		return this.navigateur.poster("/mot-de-passe/oublie", "/mot-de-passe/oublie", "email", email);
	}

}
