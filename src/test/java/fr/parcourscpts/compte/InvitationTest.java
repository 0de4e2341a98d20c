package fr.parcourscpts.compte;

import static fr.parcourscpts.compte.Navigateur.destination;
import static fr.parcourscpts.compte.Navigateur.texte;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;

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

/** Co-porteurs: a member invites an address, the account of that address accepts. */
@ApplicationTest
class InvitationTest {

	private static final String MOT_DE_PASSE = "mot-de-passe-porteur";

	// Its own range of references: the test classes share one database (8000s:
	// notifications).
	private static final AtomicInteger NUMERO = new AtomicInteger(6000);

	@LocalServerPort
	int port;

	@Autowired
	Comptes comptes;

	@Autowired
	LiensEnregistres liens;

	@Autowired
	DossierMembers membres;

	@Autowired
	JdbcClient jdbc;

	long dossier;

	String reference;

	String porteur;

	Navigateur navigateurDuPorteur;

	@BeforeEach
	void dossierEtSonPorteurConnecte() throws Exception {
		this.porteur = ComptesDeTest.adresse("alice");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, this.porteur, MOT_DE_PASSE);
		this.reference = "CPTS-76-2026-" + NUMERO.incrementAndGet();
		this.dossier = nouveauDossier(this.reference, this.porteur);
		this.membres.add(this.dossier, this.porteur, Role.PORTEUR);
		this.navigateurDuPorteur = new Navigateur(this.port);
		assertThat(destination(this.navigateurDuPorteur.seConnecter(this.porteur, MOT_DE_PASSE))).isEqualTo("/accueil");
	}

	@Test
	void memberInvitesAndTheInviteeLogsInAndAcceptsOnce() throws Exception {
		String invite = ComptesDeTest.adresse("bruno");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, invite, MOT_DE_PASSE);

		HttpResponse<String> invitation = inviter(invite.toUpperCase());
		assertThat(destination(invitation)).isEqualTo(pageInvitations() + "?envoyee");
		String page = texte(this.navigateurDuPorteur.suivre(invitation));
		assertThat(page).contains("L'invitation a été envoyée.").contains(invite + ", invitée par " + this.porteur);

		LienEmis lien = this.liens.dernier(invite, Objet.INVITATION);
		assertThat(lien.details()).containsEntry("reference", this.reference)
			.containsEntry("invitant", "Camille Martin");

		// The invitee opens the link before logging in, logs in, and comes back to it.
		Navigateur navigateur = new Navigateur(this.port);
		String apercu = texte(navigateur.get(LiensEnregistres.chemin(lien)));
		assertThat(apercu)
			.contains("Camille Martin vous invite à rejoindre en tant que co-porteur le dossier " + this.reference
					+ " (CPTS des tests)")
			.contains("Se connecter pour accepter")
			.containsPattern("/inscription\\?email=" + invite.replace(".", "\\.").replace("@", "(@|%40)"));
		String connexion = "/invitation/connexion?jeton=" + LiensEnregistres.jeton(lien);
		assertThat(destination(navigateur.get(connexion))).isEqualTo("/connexion");
		HttpResponse<String> connecte = navigateur.seConnecter(invite, MOT_DE_PASSE);
		assertThat(destination(connecte)).isEqualTo(connexion + "&continue");
		HttpResponse<String> retour = navigateur.suivre(navigateur.suivre(connecte));
		assertThat(texte(retour)).contains("Accepter l'invitation");

		HttpResponse<String> acceptee = accepter(navigateur, lien);
		assertThat(texte(acceptee)).contains("Vous avez rejoint le dossier");
		assertThat(this.membres.isMember(this.dossier, invite)).isTrue();
		assertThat(this.jdbc.sql("select role from dossier_membre where dossier_id = :d and utilisateur = :u")
			.param("d", this.dossier)
			.param("u", invite)
			.query(String.class)
			.single()).isEqualTo("CO_PORTEUR");

		assertThat(texte(accepter(navigateur, lien))).contains("Ce lien a déjà été utilisé");
	}

	@Test
	void nonMemberCannotInvite() throws Exception {
		String intrus = ComptesDeTest.adresse("eve");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, intrus, MOT_DE_PASSE);
		Navigateur navigateur = new Navigateur(this.port);
		assertThat(destination(navigateur.seConnecter(intrus, MOT_DE_PASSE))).isEqualTo("/accueil");
		String cible = ComptesDeTest.adresse("cible");

		assertThat(navigateur.get(pageInvitations()).statusCode()).isEqualTo(403);
		HttpResponse<String> refus = navigateur.poster("/compte", pageInvitations(), "email", cible);

		assertThat(refus.statusCode()).isEqualTo(403);
		assertThat(this.liens.tous(cible, Objet.INVITATION)).isEmpty();
		assertThat(this.jdbc.sql("select count(*) from invitation where email = :e")
			.param("e", cible)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void anotherAccountCannotAcceptSomeoneElsesInvitation() throws Exception {
		String invite = ComptesDeTest.adresse("carole");
		String autre = ComptesDeTest.adresse("denis");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, autre, MOT_DE_PASSE);
		assertThat(destination(inviter(invite))).endsWith("?envoyee");
		LienEmis lien = this.liens.dernier(invite, Objet.INVITATION);

		Navigateur navigateur = new Navigateur(this.port);
		assertThat(destination(navigateur.seConnecter(autre, MOT_DE_PASSE))).isEqualTo("/accueil");
		String message = "Cette invitation est destinée à une autre adresse électronique que celle de votre compte.";
		assertThat(texte(navigateur.get(LiensEnregistres.chemin(lien)))).contains(message)
			.doesNotContain("Accepter l'invitation");
		assertThat(texte(accepter(navigateur, lien))).contains(message);

		assertThat(this.membres.isMember(this.dossier, autre)).isFalse();
		// Still there for the invited address.
		assertThat(this.jdbc.sql("select count(*) from invitation where email = :e and acceptee_le is null")
			.param("e", invite)
			.query(Integer.class)
			.single()).isOne();
	}

	@Test
	void inviteeWhoSignsUpFirstAcceptsAfterConfirmingTheAddress() throws Exception {
		String invite = ComptesDeTest.adresse("fanny");
		inviter(invite);
		LienEmis lien = this.liens.dernier(invite, Objet.INVITATION);

		this.comptes.inscrire(new Comptes.Inscription(invite, "Fanny", "Roux", Profession.ORTHOPHONISTE, MOT_DE_PASSE),
				ComptesDeTest.CLIENT);
		this.comptes.confirmer(LiensEnregistres.jeton(this.liens.dernier(invite, Objet.CONFIRMATION)));
		Navigateur navigateur = new Navigateur(this.port);
		assertThat(destination(navigateur.seConnecter(invite, MOT_DE_PASSE))).isEqualTo("/accueil");

		assertThat(texte(accepter(navigateur, lien))).contains("Vous avez rejoint le dossier");
		assertThat(this.membres.isMember(this.dossier, invite)).isTrue();
	}

	@Test
	void expiredInvitationIsRefused() throws Exception {
		String invite = ComptesDeTest.adresse("gaston");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, invite, MOT_DE_PASSE);
		inviter(invite);
		LienEmis lien = this.liens.dernier(invite, Objet.INVITATION);
		ComptesDeTest.expirer(this.jdbc, "invitation", lien);

		Navigateur navigateur = new Navigateur(this.port);
		assertThat(destination(navigateur.seConnecter(invite, MOT_DE_PASSE))).isEqualTo("/accueil");
		assertThat(texte(navigateur.get(LiensEnregistres.chemin(lien)))).contains("Ce lien a expiré.");
		assertThat(texte(accepter(navigateur, lien))).contains("Ce lien a expiré.");
		assertThat(this.membres.isMember(this.dossier, invite)).isFalse();
	}

	@Test
	void invitingAMemberOrAWrongAddressShowsTheReasonNextToTheField() throws Exception {
		InscriptionTest.assertErreur(texte(inviter(this.porteur)), "invitation-email",
				"Cette personne est déjà membre du dossier.");
		InscriptionTest.assertErreur(texte(inviter("pas une adresse")), "invitation-email",
				"Saisissez une adresse électronique valide, par exemple nom@domaine.fr.");
	}

	private HttpResponse<String> inviter(String email) throws Exception {
		return this.navigateurDuPorteur.poster(pageInvitations(), pageInvitations(), "email", email);
	}

	private HttpResponse<String> accepter(Navigateur navigateur, LienEmis lien) throws Exception {
		return navigateur.poster("/compte", "/invitation/acceptation", "jeton", LiensEnregistres.jeton(lien));
	}

	private String pageInvitations() {
		return "/invitations/dossier/" + this.reference;
	}

	private long nouveauDossier(String reference, String porteur) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc
			.sql("insert into dossier (reference, region, nom_cpts, porteur, created_at) "
					+ "values (:r, '76', 'CPTS des tests', :p, :at)")
			.param("r", reference)
			.param("p", porteur)
			.param("at", OffsetDateTime.now())
			.update(key, "id");
		return key.getKey().longValue();
	}

}
