package fr.parcourscpts.documents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import fr.parcourscpts.identity.Region;

/**
 * Issues the official documents: a Thymeleaf page of {@code templates/documents/}
 * rendered to PDF (openhtmltopdf) and recorded in the table {@code document} in the
 * caller's transaction (the step that decided), so a rolled-back step issues nothing.
 */
@Service
public class DocumentsOfficiels {

	private final JdbcClient jdbc;

	private final TemplateEngine templates;

	DocumentsOfficiels(JdbcClient jdbc, TemplateEngine templates) {
		this.jdbc = jdbc;
		this.templates = templates;
	}

	/**
	 * Issues the document that the event calls for, if any.
	 * @param evenement the notification event code
	 * @param reference the dossier reference
	 * @param region the INSEE region code
	 * @param donnees the process variables at that moment
	 * @param at when it happened (the date of receipt of a deposit)
	 * @return the issued document, or empty when the event calls for none
	 */
	@Transactional
	public Optional<DocumentOfficiel> issueFor(String evenement, String reference, String region,
			Map<String, Object> donnees, Date at) {
		Optional<TypeDocument> type = TypeDocument.issuedBy(evenement);
		if (type.isEmpty()) {
			return Optional.empty();
		}
		Map<String, Object> model = new HashMap<>();
		model.put("evenement", evenement);
		model.put("reference", reference);
		model.put("region", Region.ofCode(region).map(Region::label).orElse(region));
		model.put("donnees", donnees);
		model.put("emisLe", at);
		byte[] pdf = render(type.get(), model);
		String fileName = type.get().template() + "-" + reference + ".pdf";
		String sha256 = sha256(pdf);
		OffsetDateTime now = OffsetDateTime.now();
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into document (reference, region, type, nom_fichier, contenu, sha256, created_at)
				values (:reference, :region, :type, :name, :content, :sha, :now)
				""")
			.param("reference", reference)
			.param("region", region)
			.param("type", type.get().name())
			.param("name", fileName)
			.param("content", pdf)
			.param("sha", sha256)
			.param("now", now)
			.update(key, "id");
		return Optional
			.of(new DocumentOfficiel(key.getKey().longValue(), reference, type.get(), fileName, pdf, sha256, now));
	}

	/** The documents of a dossier, newest first, without their bytes. */
	public List<DocumentOfficiel> ofDossier(String reference) {
		return this.jdbc.sql("""
				select id, reference, type, nom_fichier, sha256, created_at from document
				where reference = :reference order by id desc
				""")
			.param("reference", reference)
			.query((rs, n) -> new DocumentOfficiel(rs.getLong(1), rs.getString(2),
					TypeDocument.valueOf(rs.getString(3)), rs.getString(4), new byte[0], rs.getString(5),
					rs.getObject(6, OffsetDateTime.class)))
			.list();
	}

	/** A document of this dossier with its bytes; empty when it is not one of its. */
	public Optional<DocumentOfficiel> ofDossier(String reference, long id) {
		return this.jdbc.sql("""
				select id, reference, type, nom_fichier, contenu, sha256, created_at from document
				where reference = :reference and id = :id
				""")
			.param("reference", reference)
			.param("id", id)
			.query((rs, n) -> new DocumentOfficiel(rs.getLong(1), rs.getString(2),
					TypeDocument.valueOf(rs.getString(3)), rs.getString(4), rs.getBytes(5), rs.getString(6),
					rs.getObject(7, OffsetDateTime.class)))
			.optional();
	}

	Optional<Stored> find(long id) {
		return this.jdbc.sql("select reference, region, nom_fichier, contenu from document where id = :id")
			.param("id", id)
			.query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4)))
			.optional();
	}

	/** A stored document with what access control needs. */
	record Stored(String reference, String region, String fileName, byte[] content) {
	}

	private byte[] render(TypeDocument type, Map<String, Object> model) {
		String html = this.templates.process("documents/" + type.template(), new Context(Locale.FRANCE, model));
		try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.withHtmlContent(html, null);
			builder.toStream(out);
			builder.run();
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Document " + type + " impossible à produire", ex);
		}
	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
