package fr.parcourscpts.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.Map;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcourscpts.ApplicationTest;

/**
 * Not a test: the time of one receipt's PDF/A, the fonts parsed for each document (as the
 * service did before issue 12's change) against the fonts parsed once
 * ({@link DocumentsOfficiels#pdf}), alternated in the same run on the same page. Its name
 * keeps it out of the default run; run it with
 * {@code ./mvnw -q -o test -Dtest=DocumentsOfficielsBenchmark -Dbenchmark.pdfs=40}.
 */
@ApplicationTest
@Tag("benchmark")
class DocumentsOfficielsBenchmark {

	@Autowired
	private DocumentsOfficiels documents;

	@Test
	void onePdfWithTheFontsParsedEachTimeAndOnce() throws IOException {
		int count = Integer.getInteger("benchmark.pdfs", 40);
		String html = this.documents.html(TypeDocument.issuedBy("lettreIntentionRecue").orElseThrow(),
				this.documents.modele("lettreIntentionRecue", "CPTS-76-2026-9001", "76",
						Map.of("nomCpts", "du Lauragais", "communes", "31555,31069"), new Date()));
		// Both give a PDF/A-3u with its fonts embedded: the same document, differently
		// made.
		DocumentsOfficielsTest.assertPdfA3WithEmbeddedFonts(avant(html));
		DocumentsOfficielsTest.assertPdfA3WithEmbeddedFonts(this.documents.pdf(html));
		for (int i = 0; i < 10; i++) {
			avant(html);
			this.documents.pdf(html);
		}
		long avant = 0;
		long apres = 0;
		int tailleAvant = 0;
		int tailleApres = 0;
		for (int i = 0; i < count; i++) {
			long t0 = System.nanoTime();
			tailleAvant = avant(html).length;
			long t1 = System.nanoTime();
			tailleApres = this.documents.pdf(html).length;
			long t2 = System.nanoTime();
			avant += t1 - t0;
			apres += t2 - t1;
		}
		System.out.printf(
				"PDF of a receipt, %d each, alternated: fonts parsed each time %.1f ms (%d bytes), "
						+ "parsed once %.1f ms (%d bytes), ratio %.2f; load average %s%n",
				count, avant / 1e6 / count, tailleAvant, apres / 1e6 / count, tailleApres, (double) apres / avant,
				loadAverage());
		assertThat(tailleApres).isPositive();
	}

	/**
	 * The rendering as it was: each font read from its bytes and parsed by each document.
	 */
	private byte[] avant(String html) throws IOException {
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.usePdfAConformance(PdfAConformance.PDFA_3_U);
			builder.useColorProfile(this.documents.profilSrgb());
			for (DocumentsOfficiels.Police police : this.documents.fichiersDePolice()) {
				builder.useFont(() -> new ByteArrayInputStream(police.ttf()), DocumentsOfficiels.POLICE,
						police.weight(), police.style(), true);
			}
			builder.useUnicodeLineBreaker(new CoupureDeLigne());
			builder.withProducer("Parcours CPTS");
			builder.withHtmlContent(html, null);
			builder.toStream(out);
			builder.run();
			return out.toByteArray();
		}
	}

	static String loadAverage() throws IOException {
		return Files.readString(Path.of("/proc/loadavg")).trim();
	}

}
