package fr.parcourscpts.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.parcourscpts.ApplicationTest;

/**
 * The attestation of validation is issued as its page by the step that decides (the tacit
 * validation's timer, issue 12 P3) and rendered to PDF by its first reader, once.
 */
@ApplicationTest
class AttestationRendueALaPremiereLectureTest {

	@Autowired
	DocumentsOfficiels documents;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void theAttestationIsIssuedWithoutItsPdfAndItsFirstReadRendersAndKeepsIt() throws Exception {
		DocumentOfficiel issued = tacitAttestation("CPTS-76-2026-7101");
		assertThat(issued.rendu()).isFalse();
		assertThat(issued.sha256()).isNull();
		assertThat(stored(issued.id())).containsEntry("rendu", false).containsEntry("page", true);
		assertThat(this.documents.ofDossier("CPTS-76-2026-7101")).singleElement()
			.satisfies((listed) -> assertThat(listed.rendu()).isFalse());

		byte[] first = this.documents.contenu(issued.id()).orElseThrow();
		assertThat(new String(first, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		DocumentsOfficielsTest.assertPdfA3WithEmbeddedFonts(first);
		assertThat(text(first)).contains("déposé le 14/01/2026 est réputé validé le 14/03/2026")
			.contains("CPTS-76-2026-7101");
		assertThat(stored(issued.id())).containsEntry("rendu", true).containsEntry("page", false);
		String sha256 = this.jdbc.sql("select sha256 from document where id = :id")
			.param("id", issued.id())
			.query(String.class)
			.single();
		assertThat(sha256).isEqualTo(sha256(first));

		assertThat(this.documents.contenu(issued.id())).as("the second read gets the stored bytes").hasValue(first);
		DocumentOfficiel downloaded = this.documents.ofDossier("CPTS-76-2026-7101", issued.id()).orElseThrow();
		assertThat(downloaded.content()).isEqualTo(first);
		assertThat(downloaded.sha256()).isEqualTo(sha256);
		assertThat(this.documents.ofDossier("CPTS-76-2026-7101")).singleElement()
			.satisfies((listed) -> assertThat(listed.sha256()).isEqualTo(sha256));
	}

	/**
	 * A first read waits for the one that holds the row (on this node or another: the
	 * lock is the database's) and then reads the bytes it stored instead of rendering
	 * again.
	 */
	@Test
	void aFirstReadThatFindsTheRowLockedWaitsAndReadsWhatTheOtherStored() throws Exception {
		DocumentOfficiel issued = tacitAttestation("CPTS-76-2026-7102");
		byte[] other = "%PDF- rendu par l'autre lecture".getBytes(StandardCharsets.US_ASCII);
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(3);
		try {
			Future<?> holder = threads
				.submit(() -> new TransactionTemplate(this.transactions).executeWithoutResult((s) -> {
					this.jdbc.sql("select id from document where id = :id for update")
						.param("id", issued.id())
						.query(Long.class)
						.single();
					locked.countDown();
					await(release);
					this.jdbc.sql("update document set contenu = :c, sha256 = :s, page = null where id = :id")
						.param("c", other)
						.param("s", sha256(other))
						.param("id", issued.id())
						.update();
				}));
			assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
			List<Future<byte[]>> readers = List.of(
					threads.submit(() -> this.documents.contenu(issued.id()).orElseThrow()),
					threads.submit(() -> this.documents.contenu(issued.id()).orElseThrow()));
			Thread.sleep(300);
			assertThat(readers).as("both wait for the row").noneMatch(Future::isDone);
			release.countDown();
			holder.get(10, TimeUnit.SECONDS);
			for (Future<byte[]> reader : readers) {
				assertThat(reader.get(10, TimeUnit.SECONDS)).as("not rendered again").isEqualTo(other);
			}
		}
		finally {
			release.countDown();
			threads.shutdownNow();
		}
	}

	@Test
	void twoFirstReadsAtOnceGetTheSameBytesAndTheStoredDigest() throws Exception {
		DocumentOfficiel issued = tacitAttestation("CPTS-76-2026-7103");
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<byte[]>> readers = List.of(threads.submit(() -> {
				await(start);
				return this.documents.contenu(issued.id()).orElseThrow();
			}), threads.submit(() -> {
				await(start);
				return this.documents.contenu(issued.id()).orElseThrow();
			}));
			start.countDown();
			byte[] a = readers.get(0).get(60, TimeUnit.SECONDS);
			byte[] b = readers.get(1).get(60, TimeUnit.SECONDS);
			assertThat(a).isEqualTo(b);
			assertThat(this.jdbc.sql("select sha256 from document where id = :id")
				.param("id", issued.id())
				.query(String.class)
				.single()).isEqualTo(sha256(a));
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aReaderRefusedTheTypeGetsNothingAndRendersNothing() {
		DocumentOfficiel issued = tacitAttestation("CPTS-76-2026-7105");
		assertThat(this.documents.ofDossier("CPTS-76-2026-7105", issued.id(),
				(type) -> type == TypeDocument.ACCUSE_RECEPTION_LETTRE))
			.isEmpty();
		assertThat(stored(issued.id())).containsEntry("rendu", false).containsEntry("page", true);
		assertThat(this.documents.ofDossier("CPTS-76-2026-7105", issued.id(),
				(type) -> type == TypeDocument.ATTESTATION_VALIDATION))
			.hasValueSatisfying((document) -> assertThat(document.rendu()).isTrue());
	}

	@Test
	void otherDocumentsAreStillRenderedWhenIssued() {
		DocumentOfficiel issued = this.documents
			.issueFor("firRefusImplicite", "CPTS-76-2026-7104", "76", Map.of("montantFirDemande", 1000.0), new Date())
			.orElseThrow();
		assertThat(issued.rendu()).isTrue();
		assertThat(stored(issued.id())).containsEntry("rendu", true).containsEntry("page", false);
	}

	@Test
	void anUnknownDocumentHasNoContent() {
		assertThat(this.documents.contenu(987654321L)).isEmpty();
	}

	private DocumentOfficiel tacitAttestation(String reference) {
		return this.documents
			.issueFor("projetSanteValideTacitement", reference, "76", Map.of("nomCpts", "CPTS du Lauragais",
					"dateDepotProjetSante", date(2026, 1, 14), "dateValidationTacite", date(2026, 3, 14)), new Date())
			.orElseThrow();
	}

	private Map<String, Object> stored(long id) {
		return this.jdbc.sql("select contenu is not null, page is not null from document where id = :id")
			.param("id", id)
			.query((rs, n) -> Map.<String, Object>of("rendu", rs.getBoolean(1), "page", rs.getBoolean(2)))
			.single();
	}

	private static String text(byte[] pdf) throws Exception {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			return new PDFTextStripper().getText(document).replaceAll("\\s*\\R\\s*", " ");
		}
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Date date(int year, int month, int day) {
		return Date.from(LocalDate.of(year, month, day).atStartOfDay(ZoneId.of("Europe/Paris")).toInstant());
	}

}
