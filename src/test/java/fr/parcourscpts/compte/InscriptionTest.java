package fr.parcourscpts.compte;

import static fr.parcourscpts.compte.Navigateur.destination;
import static fr.parcourscpts.compte.Navigateur.texte;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.compte.LienEmis.Objet;

/** Sign-up of a porteur: the form, the confirmation of the address, the first login. */
@ApplicationTest
class InscriptionTest {

	private static final String MOT_DE_PASSE = "correct-horse-battery";

	@LocalServerPort
	int port;

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
	void emptyFormShowsTheFrenchMessageOfEachFieldNextToItAndCreatesNothing() throws Exception {
		long comptes = compterComptes();
		HttpResponse<String> page = inscrire("", "", "", "", "", "", false);

		assertThat(page.statusCode()).isEqualTo(200);
		String texte = texte(page);
		assertErreur(texte, "email", "Saisissez votre adresse électronique.");
		assertErreur(texte, "prenom", "Saisissez votre prénom.");
		assertErreur(texte, "nom", "Saisissez votre nom.");
		assertErreur(texte, "profession", "Choisissez votre profession dans la liste.");
		assertErreur(texte, "motDePasse", "Le mot de passe doit compter au moins 12 caractères.");
		assertErreur(texte, "cgu", "Vous devez accepter les conditions générales d'utilisation pour créer un compte.");
		// The summary that takes the focus links each error to its field.
		assertThat(texte).contains("<title>Erreur — Créer un compte — Parcours CPTS</title>");
		assertThat(texte).contains("id=\"erreurs\"")
			.contains("<a href=\"#email\">Saisissez votre adresse électronique.</a>")
			.contains("<a href=\"#cgu\">");
		assertThat(texte).containsPattern("<input[^>]*aria-describedby=\"email-aide email-erreur\"[^>]*>");
		assertThat(compterComptes()).isEqualTo(comptes);
	}

	private long compterComptes() {
		return this.jdbc.sql("select count(*) from compte").query(Long.class).single();
	}

	@Test
	void eachWrongValueHasItsOwnMessageAndNothingIsCreated() throws Exception {
		String plus = "jean+cpts@exemple.fr";
		assertErreur(texte(inscrire(plus, "Jean", "Dupont", "MEDECIN", MOT_DE_PASSE, MOT_DE_PASSE, true)), "email",
				"L'adresse électronique ne peut contenir que des lettres sans accent, des chiffres et les caractères point (.), tiret (-), tiret bas (_) et arobase (@).");
		assertErreur(texte(inscrire("pas-une-adresse", "Jean", "Dupont", "MEDECIN", MOT_DE_PASSE, MOT_DE_PASSE, true)),
				"email", "Saisissez une adresse électronique valide, par exemple nom@domaine.fr.");
		String longue = "a".repeat(60) + "@exemple.fr";
		assertErreur(texte(inscrire(longue, "Jean", "Dupont", "MEDECIN", MOT_DE_PASSE, MOT_DE_PASSE, true)), "email",
				"L'adresse électronique doit compter au plus 64 caractères.");
		String email = ComptesDeTest.adresse("jean");
		assertErreur(texte(inscrire(email, "Jean", "Dupont", "MEDECIN", "court", "court", true)), "motDePasse",
				"Le mot de passe doit compter au moins 12 caractères.");
		HttpResponse<String> differents = inscrire(email, "Jean", "Dupont", "MEDECIN", MOT_DE_PASSE, MOT_DE_PASSE + "x",
				true);
		assertErreur(texte(differents), "confirmation", "Les deux mots de passe saisis ne sont pas identiques.");
		// What was typed is kept, except the passwords.
		assertThat(differents.body()).contains("value=\"" + email + "\"").doesNotContain(MOT_DE_PASSE);
		assertErreur(texte(inscrire(email, "Jean", "Dupont", "DENTISTE_INCONNU", MOT_DE_PASSE, MOT_DE_PASSE, true)),
				"profession", "Choisissez votre profession dans la liste.");

		for (String adresse : new String[] { plus, email }) {
			assertThat(this.identity.createUserQuery().userId(adresse).count()).isZero();
			assertThat(this.jdbc.sql("select count(*) from compte where utilisateur = :id")
				.param("id", adresse)
				.query(Integer.class)
				.single()).isZero();
		}
		assertThat(this.liens.tous(email, Objet.CONFIRMATION)).isEmpty();
	}

	@Test
	void signUpThenConfirmationLinkThenLogin() throws Exception {
		String email = ComptesDeTest.adresse("claire");
		HttpResponse<String> inscription = inscrire(email.toUpperCase(), "Claire", "Durand", "INFIRMIER", MOT_DE_PASSE,
				MOT_DE_PASSE, true);
		assertThat(destination(inscription)).isEqualTo("/inscription/envoyee");
		assertThat(texte(this.navigateur.suivre(inscription))).contains("Confirmez votre adresse électronique")
			.contains("dans un délai de 24 heures");

		// The user id is the address in lowercase; not a porteur before the confirmation.
		assertThat(this.identity.createUserQuery().userId(email).singleResult().getFirstName()).isEqualTo("Claire");
		assertThat(this.identity.createUserQuery().userId(email).memberOfGroup("porteurs").count()).isZero();

		// Login refused, with its own message, while the address is not confirmed.
		HttpResponse<String> refus = this.navigateur.seConnecter(email, MOT_DE_PASSE);
		assertThat(destination(refus)).isEqualTo("/connexion?nonconfirme");
		assertThat(texte(this.navigateur.suivre(refus)))
			.contains("Votre adresse électronique n'est pas encore confirmée.");

		LienEmis lien = this.liens.dernier(email, Objet.CONFIRMATION);
		assertThat(lien.lien()).startsWith("http://localhost:8080/inscription/confirmation?jeton=");
		assertThat(lien.details()).containsEntry("prenom", "Claire");
		HttpResponse<String> confirmation = this.navigateur.confirmer(lien);
		assertThat(destination(confirmation)).isEqualTo("/connexion?confirme");
		assertThat(texte(this.navigateur.suivre(confirmation)))
			.contains("Votre adresse électronique est confirmée. Vous pouvez vous connecter.");

		// The address is the login, in any case.
		HttpResponse<String> connexion = this.navigateur.seConnecter(email.toUpperCase(), MOT_DE_PASSE);
		assertThat(destination(connexion)).isEqualTo("/accueil");
		assertThat(this.identity.createUserQuery().userId(email).memberOfGroup("porteurs").count()).isOne();
		assertThat(this.jdbc.sql("select profession from compte where utilisateur = :id")
			.param("id", email)
			.query(String.class)
			.single()).isEqualTo("INFIRMIER");

		// The link serves once.
		assertThat(texte(this.navigateur.get(LiensEnregistres.chemin(lien))))
			.contains("Ce lien a déjà été utilisé : il ne sert qu'une fois.");
	}

	@Test
	void expiredConfirmationLinkIsRefusedAndTheAccountStaysUnconfirmed() throws Exception {
		String email = ComptesDeTest.adresse("paul");
		assertThat(destination(inscrire(email, "Paul", "Bernard", "PHARMACIEN", MOT_DE_PASSE, MOT_DE_PASSE, true)))
			.isEqualTo("/inscription/envoyee");
		LienEmis lien = this.liens.dernier(email, Objet.CONFIRMATION);
		ComptesDeTest.expirer(this.jdbc, "compte_jeton", lien);

		assertThat(texte(this.navigateur.get(LiensEnregistres.chemin(lien))))
			.contains("Ce lien a expiré. Demandez-en un nouveau.");
		assertThat(destination(this.navigateur.seConnecter(email, MOT_DE_PASSE))).isEqualTo("/connexion?nonconfirme");
	}

	@Test
	void unknownConfirmationLinkIsRefused() throws Exception {
		assertThat(texte(this.navigateur.get("/inscription/confirmation?jeton=" + Jetons.nouveau())))
			.contains("Ce lien n'est pas valide.");
	}

	@Test
	void signingUpAgainBeforeConfirmingSendsANewLinkAndVoidsTheOldOne() throws Exception {
		String email = ComptesDeTest.adresse("lea");
		inscrire(email, "Léa", "Petit", "SAGE_FEMME", MOT_DE_PASSE, MOT_DE_PASSE, true);
		LienEmis premier = this.liens.dernier(email, Objet.CONFIRMATION);
		inscrire(email, "Léa", "Petit", "SAGE_FEMME", MOT_DE_PASSE + "2", MOT_DE_PASSE + "2", true);
		LienEmis second = this.liens.dernier(email, Objet.CONFIRMATION);
		assertThat(second.lien()).isNotEqualTo(premier.lien());

		assertThat(texte(this.navigateur.get(LiensEnregistres.chemin(premier)))).contains("Ce lien a déjà été utilisé");
		assertThat(destination(this.navigateur.confirmer(second))).isEqualTo("/connexion?confirme");
		assertThat(destination(this.navigateur.seConnecter(email, MOT_DE_PASSE + "2"))).isEqualTo("/accueil");
	}

	@Test
	void signingUpWithTheAddressOfAnAccountAnswersTheSameAndChangesNothing(@Autowired Comptes comptes)
			throws Exception {
		String email = ComptesDeTest.adresse("hugo");
		ComptesDeTest.compteConfirme(comptes, this.liens, email, MOT_DE_PASSE);

		HttpResponse<String> inscription = inscrire(email, "Intrus", "Intrus", "AUTRE", "autre-mot-de-passe",
				"autre-mot-de-passe", true);

		assertThat(destination(inscription)).isEqualTo("/inscription/envoyee");
		assertThat(this.liens.dernier(email, Objet.COMPTE_EXISTANT).lien()).endsWith("/mot-de-passe/oublie");
		assertThat(this.liens.tous(email, Objet.CONFIRMATION)).hasSize(1);
		assertThat(this.identity.createUserQuery().userId(email).singleResult().getFirstName()).isEqualTo("Camille");
		assertThat(destination(this.navigateur.seConnecter(email, MOT_DE_PASSE))).isEqualTo("/accueil");
	}

	@Test
	void signUpWithoutTheCsrfTokenIsRefused() throws Exception {
		String email = ComptesDeTest.adresse("sans.csrf");
		String body = "email=" + email.replace("@", "%40") + "&prenom=A&nom=B&profession=MEDECIN&motDePasse="
				+ MOT_DE_PASSE + "&confirmation=" + MOT_DE_PASSE + "&cgu=true";
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/inscription"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(this.identity.createUserQuery().userId(email).count()).isZero();
	}

	@Test
	void loginPageLinksToSignUpAndPasswordReset() throws Exception {
		assertThat(texte(this.navigateur.get("/connexion"))).contains("href=\"/inscription\">Créer un compte</a>")
			.contains("href=\"/mot-de-passe/oublie\">Mot de passe oublié ?</a>");
	}

	private HttpResponse<String> inscrire(String email, String prenom, String nom, String profession, String motDePasse,
			String confirmation, boolean cgu) throws Exception {
		if (cgu) {
			return this.navigateur.poster("/inscription", "/inscription", "email", email, "prenom", prenom, "nom", nom,
					"profession", profession, "motDePasse", motDePasse, "confirmation", confirmation, "cgu", "true");
		}
		return this.navigateur.poster("/inscription", "/inscription", "email", email, "prenom", prenom, "nom", nom,
				"profession", profession, "motDePasse", motDePasse, "confirmation", confirmation);
	}

	/** The message is in the error paragraph of the field, which the field refers to. */
	static void assertErreur(String page, String champ, String message) {
		assertThat(page).contains("<p id=\"" + champ + "-erreur\" class=\"field__error\">" + message + "</p>");
		Matcher tag = Pattern.compile("<(input|select)[^>]*\\sid=\"" + champ + "\"[^>]*>").matcher(page);
		assertThat(tag.find()).as("the field %s", champ).isTrue();
		assertThat(tag.group()).containsPattern("aria-describedby=\"([^\"]* )?" + champ + "-erreur\"")
			.contains("aria-invalid=\"true\"");
	}

}
