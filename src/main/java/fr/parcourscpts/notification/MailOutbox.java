package fr.parcourscpts.notification;

import java.util.Locale;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Where every mail of the service goes. The one entry point is {@link #enqueue}: callers
 * hand over a mail inside their own transaction and never talk to the SMTP server
 * themselves.
 *
 * <p>
 * First version: renders and sends at once. The transactional outbox (the mail recorded
 * in the caller's transaction, delivered afterwards with retries) replaces the body of
 * {@link #enqueue} without changing its callers.
 */
@Service
public class MailOutbox {

	private final JavaMailSender sender;

	private final TemplateEngine templates;

	public MailOutbox(JavaMailSender sender, TemplateEngine templates) {
		this.sender = sender;
		this.templates = templates;
	}

	public void enqueue(OutgoingMail mail) {
		try {
			MimeMessage message = this.sender.createMimeMessage();
			MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
			helper.setFrom("Parcours CPTS <ne-pas-repondre@parcours-cpts.fr>");
			helper.setTo(mail.to().toArray(String[]::new));
			helper.setSubject(mail.subject());
			Context context = new Context(Locale.FRANCE, mail.model());
			helper.setText(this.templates.process("mail/" + mail.template() + ".txt", context),
					this.templates.process("mail/" + mail.template() + ".html", context));
			for (OutgoingMail.Attachment attachment : mail.attachments()) {
				helper.addAttachment(attachment.fileName(), new ByteArrayResource(attachment.content()),
						attachment.contentType());
			}
			this.sender.send(message);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException("Courriel impossible à composer : " + mail.subject(), ex);
		}
	}

}
