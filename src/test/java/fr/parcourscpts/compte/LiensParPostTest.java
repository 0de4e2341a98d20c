package fr.parcourscpts.compte;

import static fr.parcourscpts.compte.Navigateur.destination;
import static fr.parcourscpts.compte.Navigateur.texte;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.compte.LienEmis.Objet;
import fr.parcourscpts.dossier.DossierMembers;
import fr.parcourscpts.dossier.DossierMembers.Role;
import fr.parcourscpts.system.AbuseSuite;

/**
 * The links of the mails act on a POST only: mail scanners that open every link of a mail
 * (a GET) neither confirm an account nor use up a reset link.
 */
@ApplicationTest
class LiensParPostTest {

	private static final String MOT_DE_PASSE = "mot-de-passe-du-lien";

	// Its own range of references: the test classes share one database.
	private static final AtomicInteger NUMERO = new AtomicInteger(7000);

	@LocalServerPort
	int port;

	@Autowired
	Comptes comptes;

	@Autowired
	LiensEnregistres liens;

	@Autowired
	IdentityService identity;

	Navigateur navigateur;

	@BeforeEach
	void ouvrirNavigateur() {
		this.navigateur = new Navigateur(this.port);
	}

	@Test
	void openingTheConfirmationLinkConfirmsNothingUntilItsButtonIsPressed() throws Exception {
		String email = ComptesDeTest.adresse("scanne");
		this.comptes.inscrire(new Comptes.Inscription(email, "Inès", "Moreau", Profession.INFIRMIER, MOT_DE_PASSE),
				ComptesDeTest.CLIENT);
		LienEmis lien = this.liens.dernier(email, Objet.CONFIRMATION);

		// A mail scanner opens the link, more than once.
		for (int i = 0; i < 3; i++) {
			HttpResponse<String> page = new Navigateur(this.port).get(LiensEnregistres.chemin(lien));
			assertThat(page.statusCode()).isEqualTo(200);
			assertThat(texte(page)).contains("Confirmer mon adresse").contains("name=\"_csrf\"");
		}
		assertThat(AbuseSuite.attempt("comptes", "confirmation link opened by a GET (mail scanner)",
				this.comptes.nonConfirme(email)))
			.isTrue();
		assertThat(destination(this.navigateur.seConnecter(email, MOT_DE_PASSE))).isEqualTo("/connexion?nonconfirme");

		// The person presses the button.
		assertThat(destination(this.navigateur.confirmer(lien))).isEqualTo("/connexion?confirme");
		assertThat(this.comptes.nonConfirme(email)).isFalse();
		assertThat(this.identity.createUserQuery().userId(email).memberOfGroup("porteurs").count()).isOne();
	}

	@Test
	void confirmingWithoutTheCsrfTokenOfThePageIsRefused() throws Exception {
		String email = ComptesDeTest.adresse("forge");
		this.comptes.inscrire(new Comptes.Inscription(email, "Inès", "Moreau", Profession.INFIRMIER, MOT_DE_PASSE),
				ComptesDeTest.CLIENT);
		String jeton = LiensEnregistres.jeton(this.liens.dernier(email, Objet.CONFIRMATION));

		HttpResponse<String> post = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + "/inscription/confirmation"))
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString("jeton=" + jeton))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(AbuseSuite.attempt("comptes", "confirmation posted from another site (no CSRF token)",
				post.statusCode() == 403 && this.comptes.nonConfirme(email)))
			.isTrue();
	}

	@Test
	void openingTheResetLinkLeavesItUsable() throws Exception {
		String email = ComptesDeTest.adresse("reinit");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, email, MOT_DE_PASSE);
		this.comptes.demanderReinitialisation(email, ComptesDeTest.CLIENT);
		LienEmis lien = this.liens.dernier(email, Objet.REINITIALISATION);
		String jeton = LiensEnregistres.jeton(lien);

		for (int i = 0; i < 3; i++) {
			assertThat(texte(new Navigateur(this.port).get(LiensEnregistres.chemin(lien))))
				.contains("Choisir un nouveau mot de passe");
		}
		assertThat(AbuseSuite.attempt("comptes", "reset link opened by a GET (mail scanner)",
				this.comptes.verifierReinitialisation(jeton) == EtatLien.VALIDE))
			.isTrue();

		String nouveau = "nouveau-mot-de-passe-du-lien";
		assertThat(destination(this.navigateur.poster(LiensEnregistres.chemin(lien), "/mot-de-passe/nouveau", "jeton",
				jeton, "motDePasse", nouveau, "confirmation", nouveau)))
			.isEqualTo("/connexion?motDePasseChange");
		assertThat(this.identity.checkPassword(email, nouveau)).isTrue();
	}

	@Test
	void openingTheInvitationLinkLoggedInAcceptsNothingUntilItsButtonIsPressed(@Autowired Invitations invitations,
			@Autowired DossierMembers membres, @Autowired JdbcClient jdbc) throws Exception {
		String porteur = ComptesDeTest.adresse("hote");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, porteur, MOT_DE_PASSE);
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		jdbc.sql("insert into dossier (reference, region, nom_cpts, porteur, created_at) "
				+ "values (:r, '76', 'CPTS des liens', :p, :at)")
			.param("r", "CPTS-76-2026-" + NUMERO.incrementAndGet())
			.param("p", porteur)
			.param("at", OffsetDateTime.now())
			.update(key, "id");
		long dossier = key.getKey().longValue();
		membres.add(dossier, porteur, Role.PORTEUR);
		String invite = ComptesDeTest.adresse("invitee");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, invite, MOT_DE_PASSE);
		assertThat(invitations.inviter(dossier, porteur, invite, ComptesDeTest.CLIENT)).isEmpty();
		LienEmis lien = this.liens.dernier(invite, Objet.INVITATION);

		assertThat(destination(this.navigateur.seConnecter(invite, MOT_DE_PASSE))).isEqualTo("/accueil");
		assertThat(texte(this.navigateur.get(LiensEnregistres.chemin(lien)))).contains("Accepter l'invitation");
		assertThat(AbuseSuite.attempt("comptes", "invitation link opened by a GET, logged in",
				!membres.isMember(dossier, invite)))
			.isTrue();

		this.navigateur.poster(LiensEnregistres.chemin(lien), "/invitation/acceptation", "jeton",
				LiensEnregistres.jeton(lien));
		assertThat(membres.isMember(dossier, invite)).isTrue();
	}

}
