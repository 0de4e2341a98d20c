package fr.parcourscpts.compte;

import static fr.parcourscpts.compte.Navigateur.destination;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.compte.LienEmis.Objet;
import fr.parcourscpts.dossier.DossierMembers;
import fr.parcourscpts.dossier.DossierMembers.Role;
import fr.parcourscpts.ratelimit.SettableClock;
import fr.parcourscpts.system.AbuseSuite;

/**
 * Sign-up, reset and invitation mails within quotas per recipient and per client address:
 * beyond, no mail is sent and the visitor gets the same answer as before (an account is
 * never revealed).
 */
@ApplicationTest
class LimitesDesCourrielsTest {

	private static final String MOT_DE_PASSE = "mot-de-passe-des-quotas";

	// Its own range of references: the test classes share one database.
	private static final AtomicInteger NUMERO = new AtomicInteger(6500);

	@LocalServerPort
	int port;

	@Autowired
	Comptes comptes;

	@Autowired
	Invitations invitations;

	@Autowired
	LiensEnregistres liens;

	@Autowired
	ComptesProperties proprietes;

	@Autowired
	SettableClock clock;

	@Autowired
	JdbcClient jdbc;

	Navigateur navigateur;

	@BeforeEach
	void ouvrirNavigateur() {
		this.navigateur = new Navigateur(this.port);
	}

	@AfterEach
	void remettreLHorloge() {
		this.clock.reset();
	}

	@Test
	void signUpsBeyondTheQuotaOfAnAddressSendNoMoreMailsAndAnswerTheSame() throws Exception {
		String email = ComptesDeTest.adresse("inondee");
		int quota = this.proprietes.getLimites().getInscription().getParDestinataire();
		for (int i = 0; i < quota + 3; i++) {
			assertThat(destination(inscrire(email))).isEqualTo("/inscription/envoyee");
		}
		assertThat(AbuseSuite.attempt("comptes", (quota + 3) + " sign-ups of one address",
				this.liens.tous(email, Objet.CONFIRMATION).size() == quota))
			.isTrue();

		// The quota ends by itself.
		this.clock.advance(this.proprietes.getLimites().getFenetre().plusSeconds(1));
		inscrire(email);
		assertThat(this.liens.tous(email, Objet.CONFIRMATION)).hasSize(quota + 1);
	}

	@Test
	void signUpsWithTheAddressOfAnAccountAreCountedToo() throws Exception {
		String email = ComptesDeTest.adresse("existante");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, email, MOT_DE_PASSE);
		int quota = this.proprietes.getLimites().getInscription().getParDestinataire();
		// The confirmed account's own sign-up counted once already.
		for (int i = 0; i < quota + 2; i++) {
			assertThat(destination(inscrire(email))).isEqualTo("/inscription/envoyee");
		}
		assertThat(AbuseSuite.attempt("comptes", (quota + 2) + " sign-ups with the address of an account",
				this.liens.tous(email, Objet.COMPTE_EXISTANT).size() == quota - 1))
			.isTrue();
	}

	@Test
	void resetRequestsBeyondTheQuotaOfAnAddressSendNoMoreMailsAndAnswerTheSame() throws Exception {
		String email = ComptesDeTest.adresse("reinitialisee");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, email, MOT_DE_PASSE);
		int quota = this.proprietes.getLimites().getReinitialisation().getParDestinataire();
		for (int i = 0; i < quota + 3; i++) {
			assertThat(
					destination(this.navigateur.poster("/mot-de-passe/oublie", "/mot-de-passe/oublie", "email", email)))
				.isEqualTo("/mot-de-passe/oublie?envoye");
		}
		assertThat(AbuseSuite.attempt("comptes", (quota + 3) + " password resets of one address",
				this.liens.tous(email, Objet.REINITIALISATION).size() == quota))
			.isTrue();
	}

	@Test
	void invitationsBeyondTheQuotaOfAnAddressSendNoMoreMails(@Autowired DossierMembers membres,
			@Autowired MessageSource messages) {
		String porteur = ComptesDeTest.adresse("invitante");
		ComptesDeTest.compteConfirme(this.comptes, this.liens, porteur, MOT_DE_PASSE);
		long dossier = nouveauDossier(porteur);
		membres.add(dossier, porteur, Role.PORTEUR);
		String invitee = ComptesDeTest.adresse("harcelee");
		int quota = this.proprietes.getLimites().getInvitation().getParDestinataire();
		for (int i = 0; i < quota; i++) {
			assertThat(this.invitations.inviter(dossier, porteur, invitee, ComptesDeTest.CLIENT)).isEmpty();
		}

		Optional<String> refus = this.invitations.inviter(dossier, porteur, invitee, ComptesDeTest.CLIENT);
		assertThat(AbuseSuite.attempt("comptes", (quota + 1) + " invitations of one address",
				refus.isPresent() && this.liens.tous(invitee, Objet.INVITATION).size() == quota))
			.isTrue();
		assertThat(messages.getMessage(refus.get(), null, Locale.FRANCE))
			.startsWith("Trop d'invitations ont été envoyées récemment");
	}

	@Test
	void requestsBeyondTheQuotaOfAClientAddressSendNoMoreMails(@Autowired WebApplicationContext context)
			throws Exception {
		MockMvc mvc = MockMvcBuilders.webAppContextSetup(context)
			.apply(SecurityMockMvcConfigurers.springSecurity())
			.build();
		ComptesProperties.Quota quota = this.proprietes.getLimites().getReinitialisation();
		int avant = quota.getParAdresseClient();
		quota.setParAdresseClient(2);
		try {
			String[] adresses = new String[4];
			for (int i = 0; i < adresses.length; i++) {
				adresses[i] = ComptesDeTest.adresse("voisine");
				ComptesDeTest.compteConfirme(this.comptes, this.liens, adresses[i], MOT_DE_PASSE);
				String redirection = mvc
					.perform(post("/mot-de-passe/oublie").param("email", adresses[i]).with(csrf()).with((request) -> {
						request.setRemoteAddr("192.0.2.44");
						return request;
					}))
					.andReturn()
					.getResponse()
					.getRedirectedUrl();
				assertThat(redirection).isEqualTo("/mot-de-passe/oublie?envoye");
			}
			int envoyes = 0;
			for (String adresse : adresses) {
				envoyes += this.liens.tous(adresse, Objet.REINITIALISATION).size();
			}
			assertThat(AbuseSuite.attempt("comptes", "4 resets of 4 accounts from one client address (quota 2)",
					envoyes == 2))
				.isTrue();
			// Another client address still has its own quota.
			this.comptes.demanderReinitialisation(adresses[3], "192.0.2.45");
			assertThat(this.liens.tous(adresses[3], Objet.REINITIALISATION)).hasSize(1);
		}
		finally {
			quota.setParAdresseClient(avant);
		}
	}

	private java.net.http.HttpResponse<String> inscrire(String email) throws Exception {
		return this.navigateur.poster("/inscription", "/inscription", "email", email, "prenom", "Zoé", "nom", "Faure",
				"profession", "MEDECIN", "motDePasse", MOT_DE_PASSE, "confirmation", MOT_DE_PASSE, "cgu", "true");
	}

	private long nouveauDossier(String porteur) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc
			.sql("insert into dossier (reference, region, nom_cpts, porteur, created_at) "
					+ "values (:r, '76', 'CPTS des quotas', :p, :at)")
			.param("r", "CPTS-76-2026-" + NUMERO.incrementAndGet())
			.param("p", porteur)
			.param("at", OffsetDateTime.now())
			.update(key, "id");
		return key.getKey().longValue();
	}

}
