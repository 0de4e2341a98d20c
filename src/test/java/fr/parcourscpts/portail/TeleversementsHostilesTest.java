package fr.parcourscpts.portail;

import static fr.parcourscpts.portail.PortailFixtures.fichier;
import static fr.parcourscpts.portail.PortailFixtures.lettreValide;
import static fr.parcourscpts.portail.PortailFixtures.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.time.Duration;
import java.util.Locale;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.util.HtmlUtils;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.AbuseSuite;

/**
 * The uploads a hostile tester tried, each refused with its French reason on the lettre's
 * page (or in the JSON API) and nothing stored; an honest PDF still goes through.
 */
@ApplicationTest
class TeleversementsHostilesTest {

	private static final String CATEGORIE = "téléversements";

	@Autowired
	WebApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	MessageSource messages;

	@Autowired
	RuntimeService runtime;

	@Autowired
	TaskService tasks;

	MockMvc mvc;

	long lettre;

	@BeforeEach
	void setUp() throws Exception {
		this.mvc = PortailFixtures.mvc(this.context);
		this.lettre = PortailFixtures.brouillon(this.mvc, "porteur.76", "CPTS des téléversements");
	}

	/** Uploads the file with the draft, as the page does; returns the page shown. */
	private String deposer(String nom, byte[] contenu) throws Exception {
		return HtmlUtils.htmlUnescape(
				this.mvc
					.perform(lettreValide(PortailFixtures.brouillon(this.lettre), "CPTS des téléversements", "31555")
						.file(fichier(nom, contenu))
						.param("action", "brouillon")
						.with(porteur("porteur.76"))
						.with(csrf()))
					.andReturn()
					.getResponse()
					.getContentAsString());
	}

	private MockHttpServletResponse joindre(String nom, byte[] contenu) throws Exception {
		MockHttpServletResponse response = this.mvc
			.perform(multipart("/api/portail/dossiers/" + this.lettre + "/pieces")
				.file(new MockMultipartFile("fichier", nom, "application/pdf", contenu))
				.with(porteur("porteur.76"))
				.with(csrf()))
			.andReturn()
			.getResponse();
		response.setCharacterEncoding("UTF-8");
		return response;
	}

	private long stockees() {
		return this.jdbc.sql("select count(*) from piece_jointe where lettre_id = :id")
			.param("id", this.lettre)
			.query(Long.class)
			.single();
	}

	/** Records the attack, then asserts the page says why and that nothing is stored. */
	private void refuse(String attaque, String page, String motif) {
		boolean refused = page.contains(motif) && page.contains("id=\"erreur-fichiers\"") && stockees() == 0;
		assertThat(AbuseSuite.attempt(CATEGORIE, attaque, refused)).as(attaque).isTrue();
		assertThat(page).contains(motif);
		assertThat(stockees()).isZero();
	}

	@Test
	void anHonestPdfBuiltByPdfBoxIsStillAccepted() throws Exception {
		byte[] honnete = PdfHostiles.honnete();
		String page = deposer("statuts.pdf", honnete);
		assertThat(page).doesNotContain("id=\"erreur-fichiers\"");
		assertThat(stockees()).isEqualTo(1);
		assertThat(this.jdbc.sql("select sha256 from piece_jointe where lettre_id = :id")
			.param("id", this.lettre)
			.query(String.class)
			.single()).isEqualTo(PiecesJointes.sha256(honnete));
	}

	@Test
	void anExecutableBehindAPdfHeaderIsRefused() throws Exception {
		refuse("exécutable ELF précédé de l'en-tête %PDF-", deposer("facture.pdf", PdfHostiles.executable()),
				"Le fichier « facture.pdf » n'est pas un PDF valide");
	}

	@Test
	void aPdfRunningJavaScriptWhenOpenedIsRefused() throws Exception {
		refuse("PDF avec JavaScript en /OpenAction", deposer("statuts.pdf", PdfHostiles.avecJavaScript()),
				"Le fichier « statuts.pdf » contient du code (JavaScript ou formulaire dynamique)");
	}

	@Test
	void aPdfLaunchingAProgramIsRefused() throws Exception {
		refuse("PDF avec action /Launch (cmd.exe)", deposer("statuts.pdf", PdfHostiles.avecLancement()),
				"contient une commande qui ouvre un programme");
	}

	@Test
	void aPdfCarryingAnEmbeddedFileIsRefused() throws Exception {
		refuse("PDF avec fichier incorporé (EmbeddedFiles)", deposer("statuts.pdf", PdfHostiles.avecFichierIncorpore()),
				"contient d'autres fichiers incorporés");
	}

	@Test
	void anEncryptedPdfIsRefusedEvenWhenItOpensWithoutPassword() throws Exception {
		refuse("PDF chiffré (mot de passe propriétaire seul)", deposer("statuts.pdf", PdfHostiles.chiffre()),
				"est chiffré ou protégé par un mot de passe");
	}

	@Test
	void aPasswordProtectedPdfIsRefused() throws Exception {
		refuse("PDF protégé par mot de passe (AES-256)", deposer("statuts.pdf", PdfHostiles.protegeParMotDePasse()),
				"est chiffré ou protégé par un mot de passe");
	}

	@Test
	void anHtmlPdfPolyglotIsRefused() throws Exception {
		refuse("polyglotte HTML/PDF (script dans un commentaire)", deposer("statuts.pdf", PdfHostiles.polyglotte()),
				"contient, en plus du PDF, du contenu d'un autre format");
	}

	@Test
	void dataAfterTheEndOfThePdfAreRefused() throws Exception {
		byte[] honnete = PdfHostiles.honnete();
		byte[] suivi = java.util.Arrays.copyOf(honnete, honnete.length + 4);
		System.arraycopy(new byte[] { 'P', 'K', 3, 4 }, 0, suivi, honnete.length, 4);
		refuse("polyglotte PDF/ZIP (données après %%EOF)", deposer("statuts.pdf", suivi),
				"contient, en plus du PDF, du contenu d'un autre format");
	}

	@Test
	void aDeflateBombIsRefusedWithoutBeingInflatedInMemory() throws Exception {
		byte[] bombe = PdfHostiles.bombe(DataSize.ofMegabytes(250).toBytes());
		assertThat(bombe.length).as("small on disk").isLessThan(2 * 1024 * 1024);
		// MockMvc runs the request on this thread: what it allocated is what the check
		// did
		long before = allocatedByThisThread();
		String page = deposer("rapport.pdf", bombe);
		long allocated = allocatedByThisThread() - before;
		refuse("bombe de décompression (250 Mo dans un flux Flate)", page,
				"contient des données qui se décompressent en un volume anormalement grand");
		assertThat(allocated).as("bytes allocated while checking the bomb")
			.isLessThan(DataSize.ofMegabytes(100).toBytes());
	}

	@Test
	void aDeflateBombBehindAnotherFilterIsRefused() throws Exception {
		byte[] bombe = PdfHostiles.bombeMasquee(DataSize.ofMegabytes(250).toBytes());
		long before = allocatedByThisThread();
		String page = deposer("rapport.pdf", bombe);
		long allocated = allocatedByThisThread() - before;
		refuse("bombe de décompression masquée ([/ASCIIHexDecode /FlateDecode])", page,
				"contient des données qui se décompressent en un volume anormalement grand");
		assertThat(allocated).as("bytes allocated while checking the bomb")
			.isLessThan(DataSize.ofMegabytes(100).toBytes());
	}

	@Test
	void theApiRefusesAHostilePdfWithTheSameFrenchReason() throws Exception {
		MockHttpServletResponse response = joindre("statuts.pdf", PdfHostiles.avecJavaScript());
		boolean refused = response.getStatus() == 400 && stockees() == 0;
		assertThat(AbuseSuite.attempt(CATEGORIE, "API : PDF avec JavaScript", refused)).isTrue();
		assertThat(response.getContentAsString())
			.contains("Le fichier « statuts.pdf » contient du code (JavaScript ou formulaire dynamique)");
	}

	@Test
	void statutsWithJavaScriptAreRefusedOnTheTaskPageAndTheTaskStaysOpen() throws Exception {
		long envoyee = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS des statuts piégés", "31555");
		String reference = PortailFixtures.reference(this.jdbc, envoyee);
		String instance = this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(reference)
			.processDefinitionKey("cpts-creation")
			.singleResult()
			.getId();
		this.runtime.createProcessInstanceModification(instance)
			.cancelAllForActivity("verifierCompletude")
			.startBeforeActivity("deposerProjetSante")
			.execute();
		String tache = this.tasks.createTaskQuery()
			.processInstanceBusinessKey(reference)
			.taskDefinitionKey("deposerProjetSante")
			.singleResult()
			.getId();
		String page = HtmlUtils
			.htmlUnescape(this.mvc.perform(multipart(PortailFixtures.dossier(this.jdbc, envoyee) + "/taches/" + tache)
				.file(new MockMultipartFile("fichier", "statuts.pdf", "application/pdf", PdfHostiles.avecJavaScript()))
				.param("missionsActions", "Accès aux soins : ...")
				.param("gouvernance", "Association loi 1901, bureau de 6 membres.")
				.param("systemesInformation", "Messagerie sécurisée.")
				.with(porteur("porteur.76"))
				.with(csrf())).andReturn().getResponse().getContentAsString());
		long statuts = this.jdbc.sql("select count(*) from piece_jointe where lettre_id = :id")
			.param("id", envoyee)
			.query(Long.class)
			.single();
		boolean ouverte = this.tasks.createTaskQuery().taskId(tache).count() == 1;
		String motif = "Le fichier « statuts.pdf » contient du code (JavaScript ou formulaire dynamique)";
		boolean refused = page.contains(motif) && statuts == 0 && ouverte;
		assertThat(AbuseSuite.attempt(CATEGORIE, "statuts avec JavaScript (page de tâche)", refused)).isTrue();
		assertThat(page).contains(motif);
		assertThat(statuts).isZero();
		assertThat(ouverte).isTrue();
	}

	@Test
	void theThirtyFirstPieceOfADossierIsRefused() throws Exception {
		for (int i = 1; i <= 30; i++) {
			assertThat(joindre("piece-" + i + ".pdf", PortailFixtures.pdf()).getStatus()).as("piece %d", i)
				.isEqualTo(201);
		}
		MockHttpServletResponse response = joindre("piece-31.pdf", PortailFixtures.pdf());
		boolean refused = response.getStatus() == 400 && stockees() == 30;
		assertThat(AbuseSuite.attempt(CATEGORIE, "31e pièce d'un même dossier (quota 30)", refused)).isTrue();
		assertThat(response.getContentAsString()).contains(
				"Le fichier « piece-31.pdf » n'a pas été enregistré : le dossier compte déjà 30 pièces jointes, le maximum.");
		assertThat(stockees()).isEqualTo(30);
	}

	@Test
	void aPieceBeyondTheDossiersTotalSizeIsRefused() {
		byte[] honnete = PdfHostiles.honnete();
		PiecesJointes pieces = new PiecesJointes(this.jdbc, new Antivirus("", 0, Duration.ofSeconds(1)),
				this.transactions,
				new PiecesJointes.Limites(30, DataSize.ofBytes(2L * honnete.length + 10), DataSize.ofMegabytes(100)));
		pieces.ajouter(this.lettre, PiecesJointes.Categorie.LETTRE, "a.pdf", honnete, "porteur.76");
		pieces.ajouter(this.lettre, PiecesJointes.Categorie.LETTRE, "b.pdf", honnete, "porteur.76");
		assertThatThrownBy(
				() -> pieces.ajouter(this.lettre, PiecesJointes.Categorie.LETTRE, "c.pdf", honnete, "porteur.76"))
			.isInstanceOfSatisfying(PiecesJointes.FichierRefuse.class, (refus) -> {
				boolean refused = refus.code().equals("portail.piece.quotaTaille") && stockees() == 2;
				AbuseSuite.attempt(CATEGORIE, "taille totale du dossier dépassée", refused);
				assertThat(refused).isTrue();
				assertThat(this.messages.getMessage(refus.code(), pieces.arguments("c.pdf"), Locale.FRANCE))
					.startsWith("Le fichier « c.pdf » n'a pas été enregistré : les pièces jointes du dossier");
			});
		assertThat(stockees()).isEqualTo(2);
	}

	@Test
	void parallelUploadsCannotPassTheQuotaTogether() throws Exception {
		PiecesJointes pieces = new PiecesJointes(this.jdbc, new Antivirus("", 0, Duration.ofSeconds(1)),
				this.transactions, new PiecesJointes.Limites(3, DataSize.ofMegabytes(150), DataSize.ofMegabytes(100)));
		byte[] honnete = PdfHostiles.honnete();
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
		java.util.concurrent.CountDownLatch depart = new java.util.concurrent.CountDownLatch(1);
		java.util.List<java.util.concurrent.Future<String>> resultats = new java.util.ArrayList<>();
		for (int i = 0; i < 12; i++) {
			String nom = "piece-" + i + ".pdf";
			resultats.add(pool.submit(() -> {
				depart.await();
				try {
					pieces.ajouter(this.lettre, PiecesJointes.Categorie.LETTRE, nom, honnete, "porteur.76");
					return "stockée";
				}
				catch (PiecesJointes.FichierRefuse ex) {
					return ex.code();
				}
			}));
		}
		depart.countDown();
		java.util.List<String> codes = new java.util.ArrayList<>();
		for (java.util.concurrent.Future<String> resultat : resultats) {
			codes.add(resultat.get(60, java.util.concurrent.TimeUnit.SECONDS));
		}
		pool.shutdown();
		boolean refused = stockees() == 3;
		assertThat(AbuseSuite.attempt(CATEGORIE, "12 téléversements simultanés pour un quota de 3", refused)).isTrue();
		assertThat(codes).filteredOn("stockée"::equals).hasSize(3);
		assertThat(codes).filteredOn("portail.piece.quotaNombre"::equals).hasSize(9);
	}

	@Test
	void theDefaultQuotasComeFromTheConfiguration() {
		PiecesJointes pieces = this.context.getBean(PiecesJointes.class);
		assertThat(pieces.arguments("x.pdf")).containsExactly("x.pdf", 30, 150L);
		assertThat(this.messages.getMessage("portail.piece.quotaTaille", pieces.arguments("x.pdf"), Locale.FRANCE))
			.contains("dépasseraient 150 Mo au total");
	}

	private static long allocatedByThisThread() {
		return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
			.getThreadAllocatedBytes(Thread.currentThread().getId());
	}

}
