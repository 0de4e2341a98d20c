package fr.parcourscpts.notification;

import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Where every mail of the service goes. The one entry point is {@link #enqueue}: callers
 * hand over a mail inside their own transaction and never talk to the SMTP server
 * themselves.
 *
 * <p>
 * A transactional outbox: {@link #enqueue} renders the mail and records it (table
 * {@code courriel}) in the caller's transaction, so a rolled-back step sends nothing and
 * a committed step cannot lose its mail; {@link CourrielSender} delivers the recorded
 * mails afterwards, with retries.
 */
@Service
public class MailOutbox {

	static final String PENDING = "PENDING";

	static final String SENT = "SENT";

	static final String FAILED = "FAILED";

	private final JdbcClient jdbc;

	private final TemplateEngine templates;

	public MailOutbox(JdbcClient jdbc, TemplateEngine templates) {
		this.jdbc = jdbc;
		this.templates = templates;
	}

	/**
	 * Renders the mail and records it for delivery, in the caller's transaction (or in
	 * one of its own when there is none).
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public void enqueue(OutgoingMail mail) {
		enqueue(mail, null, null);
	}

	/**
	 * Same, for a mail about a dossier: the region decides which administrators see it.
	 * @return the id of the recorded mail
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	long enqueue(OutgoingMail mail, String reference, String region) {
		if (mail.to().isEmpty()) {
			throw new IllegalArgumentException("Courriel sans destinataire : " + mail.subject());
		}
		Rendu rendu = render(mail);
		return record(String.join(",", mail.to()), mail, rendu, reference, region);
	}

	/**
	 * One mail to each of {@code mail.to()}, from one rendering: for bodies that name no
	 * recipient (a task waiting for any agent of a group), the templates are rendered
	 * once however many agents are told.
	 * @return the ids of the recorded mails, one per address
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	List<Long> enqueueEach(OutgoingMail mail, String reference, String region) {
		if (mail.to().isEmpty()) {
			throw new IllegalArgumentException("Courriel sans destinataire : " + mail.subject());
		}
		Rendu rendu = render(mail);
		return mail.to().stream().map((to) -> record(to, mail, rendu, reference, region)).toList();
	}

	/** A mail's two bodies. */
	private record Rendu(String html, String text) {
	}

	private Rendu render(OutgoingMail mail) {
		Context context = new Context(Locale.FRANCE, mail.model());
		return new Rendu(this.templates.process("mail/" + mail.template() + ".html", context),
				this.templates.process("mail/" + mail.template() + ".txt", context));
	}

	private long record(String to, OutgoingMail mail, Rendu rendu, String reference, String region) {
		String html = rendu.html();
		String text = rendu.text();
		OffsetDateTime now = OffsetDateTime.now();
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into courriel (destinataires, sujet, modele, corps_html, corps_texte, region, reference,
				                      statut, tentatives, prochain_essai, created_at)
				values (:to, :subject, :template, :html, :text, :region, :reference, :status, 0, :now, :now)
				""")
			.param("to", to)
			.param("subject", mail.subject())
			.param("template", mail.template())
			.param("html", html)
			.param("text", text)
			.param("region", region)
			.param("reference", reference)
			.param("status", PENDING)
			.param("now", now)
			.update(key, "id");
		long id = key.getKey().longValue();
		for (OutgoingMail.Attachment attachment : mail.attachments()) {
			this.jdbc.sql("""
					insert into courriel_piece_jointe (courriel_id, nom_fichier, content_type, contenu, document_id)
					values (:mail, :name, :type, :content, :document)
					""")
				.param("mail", id)
				.param("name", attachment.fileName())
				.param("type", attachment.contentType())
				.param("content", attachment.content(), Types.BINARY)
				.param("document", attachment.documentId(), Types.BIGINT)
				.update();
		}
		return id;
	}

}
