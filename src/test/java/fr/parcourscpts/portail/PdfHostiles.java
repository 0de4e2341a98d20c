package fr.parcourscpts.portail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentNameDictionary;
import org.apache.pdfbox.pdmodel.PDEmbeddedFilesNameTreeNode;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDStream;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.common.filespecification.PDEmbeddedFile;
import org.apache.pdfbox.pdmodel.common.filespecification.PDSimpleFileSpecification;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionJavaScript;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionLaunch;

/**
 * PDFs built with PDFBox the way a hostile tester builds them, each next to an honest one
 * that the same code would build without the attack.
 */
final class PdfHostiles {

	/**
	 * The EICAR test string (not a virus: every antivirus detects it on purpose),
	 * assembled at run time so that the compiled class does not hold it whole.
	 */
	static final String EICAR = String.join("",
			List.of("X5O!P%@AP[4\\PZX54(P^)7CC)7}$", "EICAR-STANDARD-", "ANTIVIRUS-TEST-FILE!$H+H*"));

	private PdfHostiles() {
	}

	@FunctionalInterface
	interface Modification {

		void apply(PDDocument document) throws IOException;

	}

	/** One page of text, as a porteur's word processor would export it. */
	static byte[] honnete() {
		return pdf((document) -> {
		});
	}

	/** A document that runs JavaScript when opened. */
	static byte[] avecJavaScript() {
		return pdf((document) -> document.getDocumentCatalog()
			.setOpenAction(new PDActionJavaScript("app.alert('Bonjour'); this.exportDataObject({cName: 'x'});")));
	}

	/** A document that starts a program when opened. */
	static byte[] avecLancement() {
		return pdf((document) -> {
			PDActionLaunch launch = new PDActionLaunch();
			PDSimpleFileSpecification cmd = new PDSimpleFileSpecification();
			cmd.setFile("C:\\Windows\\System32\\cmd.exe");
			launch.setFile(cmd);
			document.getDocumentCatalog().setOpenAction(launch);
		});
	}

	/** A document carrying another file (here a script) in its EmbeddedFiles. */
	static byte[] avecFichierIncorpore() {
		return pdf((document) -> {
			PDEmbeddedFile embedded = new PDEmbeddedFile(document,
					new java.io.ByteArrayInputStream("@echo off\r\nformat c:\r\n".getBytes(StandardCharsets.US_ASCII)));
			embedded.setSubtype("application/x-bat");
			PDComplexFileSpecification spec = new PDComplexFileSpecification();
			spec.setFile("facture.bat");
			spec.setEmbeddedFile(embedded);
			PDEmbeddedFilesNameTreeNode tree = new PDEmbeddedFilesNameTreeNode();
			tree.setNames(java.util.Map.of("facture.bat", spec));
			PDDocumentNameDictionary names = new PDDocumentNameDictionary(document.getDocumentCatalog());
			names.setEmbeddedFiles(tree);
			document.getDocumentCatalog().setNames(names);
		});
	}

	/**
	 * Encrypted with an owner password only: any reader opens it, but what it holds is
	 * hidden from a check that does not decrypt.
	 */
	static byte[] chiffre() {
		return pdf((document) -> {
			StandardProtectionPolicy policy = new StandardProtectionPolicy("proprietaire", "", new AccessPermission());
			policy.setEncryptionKeyLength(128);
			document.protect(policy);
		});
	}

	/** Encrypted with a password needed to open it. */
	static byte[] protegeParMotDePasse() {
		return pdf((document) -> {
			StandardProtectionPolicy policy = new StandardProtectionPolicy("proprietaire", "secret",
					new AccessPermission());
			policy.setEncryptionKeyLength(256);
			document.protect(policy);
		});
	}

	/** An honest PDF whose first comment is an HTML page with a script. */
	static byte[] polyglotte() {
		String pdf = new String(honnete(), StandardCharsets.ISO_8859_1);
		int header = pdf.indexOf('\n') + 1;
		return (pdf.substring(0, header)
				+ "%<html><body><script>fetch('/api/portail/dossiers')</script></body></html>\n"
				+ pdf.substring(header))
			.getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * A page whose content stream is {@code decoded} bytes of zeros once inflated: a few
	 * hundred KB on disk.
	 */
	static byte[] bombe(long decoded) {
		return pdf((document) -> {
			COSStream stream = document.getDocument().createCOSStream();
			try (OutputStream raw = stream.createRawOutputStream()) {
				raw.write(deflatedZeros(decoded));
			}
			stream.setItem(COSName.FILTER, COSName.FLATE_DECODE);
			document.getPage(0).setContents(new PDStream(stream));
		});
	}

	/**
	 * The same bomb behind an ASCIIHexDecode filter: its bytes no longer look like zlib
	 * data, only decoding the filters in turn reveals it.
	 */
	static byte[] bombeMasquee(long decoded) {
		return pdf((document) -> {
			COSStream stream = document.getDocument().createCOSStream();
			try (OutputStream raw = stream.createRawOutputStream()) {
				raw.write(
						java.util.HexFormat.of().formatHex(deflatedZeros(decoded)).getBytes(StandardCharsets.US_ASCII));
				raw.write('>');
			}
			COSArray filters = new COSArray();
			filters.add(COSName.ASCII_HEX_DECODE);
			filters.add(COSName.FLATE_DECODE);
			stream.setItem(COSName.FILTER, filters);
			document.getPage(0).setContents(new PDStream(stream));
		});
	}

	private static byte[] deflatedZeros(long decoded) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (DeflaterOutputStream deflate = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION),
				64 * 1024)) {
			byte[] zeros = new byte[1024 * 1024];
			for (long written = 0; written < decoded; written += zeros.length) {
				deflate.write(zeros);
			}
		}
		return out.toByteArray();
	}

	/** An ELF executable behind a PDF header (and a PDF trailer at the end). */
	static byte[] executable() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes("%PDF-1.7\n".getBytes(StandardCharsets.ISO_8859_1));
		out.writeBytes(new byte[] { 0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0 });
		byte[] code = new byte[4096];
		new Random(42).nextBytes(code);
		out.writeBytes(code);
		out.writeBytes("\n%%EOF\n".getBytes(StandardCharsets.ISO_8859_1));
		return out.toByteArray();
	}

	/** An honest-looking PDF with the EICAR test string in an uncompressed stream. */
	static byte[] avecEicar() {
		return pdf((document) -> {
			COSStream stream = document.getDocument().createCOSStream();
			try (OutputStream raw = stream.createRawOutputStream()) {
				raw.write(EICAR.getBytes(StandardCharsets.US_ASCII));
			}
			document.getPage(0).getCOSObject().setItem(COSName.getPDFName("PieceInfo"), stream);
		});
	}

	private static byte[] pdf(Modification modification) {
		try (PDDocument document = new PDDocument()) {
			PDPage page = new PDPage();
			document.addPage(page);
			try (PDPageContentStream content = new PDPageContentStream(document, page)) {
				content.beginText();
				content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
				content.newLineAtOffset(72, 720);
				content.showText("Statuts de l'association CPTS du Lauragais");
				content.endText();
			}
			modification.apply(document);
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			document.save(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
