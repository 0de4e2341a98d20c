package fr.parcourscpts.portail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.AbuseSuite;

/**
 * The antivirus against a real clamd (started by the test, with a test signature of
 * EICAR), and failing closed when clamd cannot be reached or does not answer: in each
 * case the file is refused and nothing is stored.
 */
@ApplicationTest
class AntivirusTest {

	private static ClamdDaemon clamd;

	@Autowired
	WebApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	MessageSource messages;

	long lettre;

	@BeforeEach
	void setUp() throws Exception {
		this.lettre = PortailFixtures.brouillon(PortailFixtures.mvc(this.context), "porteur.76", "CPTS antivirus");
	}

	@AfterAll
	static void stopClamd() {
		if (clamd != null) {
			clamd.close();
		}
	}

	private static synchronized ClamdDaemon clamd() {
		if (clamd == null) {
			clamd = ClamdDaemon.start();
		}
		return clamd;
	}

	private PiecesJointes pieces(Antivirus antivirus) {
		return new PiecesJointes(this.jdbc, antivirus, this.transactions,
				new PiecesJointes.Limites(30, DataSize.ofMegabytes(150), DataSize.ofMegabytes(100)));
	}

	private long stockees() {
		return this.jdbc.sql("select count(*) from piece_jointe where lettre_id = :id")
			.param("id", this.lettre)
			.query(Long.class)
			.single();
	}

	private String message(PiecesJointes pieces, PiecesJointes.FichierRefuse refus) {
		return this.messages.getMessage(refus.code(), pieces.arguments("statuts.pdf"), Locale.FRANCE);
	}

	@Test
	void clamdFindsEicarStreamedToIt() {
		Antivirus antivirus = new Antivirus("127.0.0.1", clamd().port(), Duration.ofSeconds(30));
		assertThat(antivirus.scan(PdfHostiles.EICAR.getBytes(StandardCharsets.US_ASCII)))
			.isInstanceOf(Antivirus.Verdict.Infected.class);
	}

	@Test
	void clamdFindsNothingInAnHonestPdf() {
		Antivirus antivirus = new Antivirus("127.0.0.1", clamd().port(), Duration.ofSeconds(30));
		assertThat(antivirus.scan(PdfHostiles.honnete())).isInstanceOf(Antivirus.Verdict.Clean.class);
	}

	@Test
	void aPdfCarryingEicarIsRefusedAndNotStored() {
		PiecesJointes pieces = pieces(new Antivirus("127.0.0.1", clamd().port(), Duration.ofSeconds(30)));
		byte[] infecte = PdfHostiles.avecEicar();
		assertThatThrownBy(
				() -> pieces.ajouter(this.lettre, PiecesJointes.Categorie.LETTRE, "statuts.pdf", infecte, "porteur.76"))
			.isInstanceOfSatisfying(PiecesJointes.FichierRefuse.class, (refus) -> {
				boolean refused = refus.code().equals("portail.piece.virus") && stockees() == 0;
				assertThat(AbuseSuite.attempt("téléversements", "PDF contenant EICAR (clamd)", refused)).isTrue();
				assertThat(message(pieces, refus))
					.isEqualTo("Le fichier « statuts.pdf » a été détecté comme contenant un virus par l'antivirus : "
							+ "il est refusé.");
			});
		assertThat(stockees()).isZero();
		// the same PDF without EICAR goes through the same clamd
		pieces.ajouter(this.lettre, PiecesJointes.Categorie.LETTRE, "statuts.pdf", PdfHostiles.honnete(), "porteur.76");
		assertThat(stockees()).isEqualTo(1);
	}

	@Test
	void anAntivirusThatCannotBeReachedRefusesTheFile() throws IOException {
		PiecesJointes pieces = pieces(new Antivirus("127.0.0.1", ClamdDaemon.freePort(), Duration.ofSeconds(2)));
		assertThatThrownBy(() -> pieces.ajouter(this.lettre, PiecesJointes.Categorie.LETTRE, "statuts.pdf",
				PdfHostiles.honnete(), "porteur.76"))
			.isInstanceOfSatisfying(PiecesJointes.FichierRefuse.class, (refus) -> {
				boolean refused = refus.code().equals("portail.piece.antivirusIndisponible") && stockees() == 0;
				assertThat(AbuseSuite.attempt("téléversements", "clamd configuré mais injoignable", refused)).isTrue();
				assertThat(message(pieces, refus)).contains("antivirus indisponible, réessayez plus tard");
			});
		assertThat(stockees()).isZero();
	}

	@Test
	void anAntivirusThatNeverAnswersRefusesTheFileAfterItsTimeout() throws Exception {
		try (ServerSocket silent = new ServerSocket(0)) {
			Thread accepting = new Thread(() -> {
				try (Socket ignored = silent.accept()) {
					Thread.sleep(10_000);
				}
				catch (IOException | InterruptedException ex) {
					// the test is over
				}
			});
			accepting.setDaemon(true);
			accepting.start();
			PiecesJointes pieces = pieces(new Antivirus("127.0.0.1", silent.getLocalPort(), Duration.ofMillis(1500)));
			long start = System.nanoTime();
			assertThatThrownBy(() -> pieces.ajouter(this.lettre, PiecesJointes.Categorie.LETTRE, "statuts.pdf",
					PdfHostiles.honnete(), "porteur.76"))
				.isInstanceOfSatisfying(PiecesJointes.FichierRefuse.class, (refus) -> {
					boolean refused = refus.code().equals("portail.piece.antivirusIndisponible") && stockees() == 0;
					assertThat(
							AbuseSuite.attempt("téléversements", "clamd qui ne répond jamais (délai dépassé)", refused))
						.isTrue();
				});
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
			accepting.interrupt();
		}
		assertThat(stockees()).isZero();
	}

	@Test
	void withoutAHostFilesAreNotScanned() {
		Antivirus antivirus = new Antivirus(" ", 3310, Duration.ofSeconds(1));
		assertThat(antivirus.enabled()).isFalse();
		assertThat(antivirus.scan(PdfHostiles.EICAR.getBytes(StandardCharsets.US_ASCII)))
			.isInstanceOf(Antivirus.Verdict.Clean.class);
	}

}
