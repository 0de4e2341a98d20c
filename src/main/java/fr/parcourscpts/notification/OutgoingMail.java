package fr.parcourscpts.notification;

import java.util.List;
import java.util.Map;

/**
 * A mail to send: rendered from the Thymeleaf templates {@code mail/<template>.html} and
 * {@code mail/<template>.txt} with the model, both parts in French.
 *
 * @param to the recipients' addresses
 * @param subject the subject line
 * @param template the template name under {@code templates/mail/}
 * @param model the template variables
 * @param attachments the files attached (official documents)
 */
public record OutgoingMail(List<String> to, String subject, String template, Map<String, Object> model,
		List<Attachment> attachments) {

	public OutgoingMail {
		to = List.copyOf(to);
		model = Map.copyOf(model);
		attachments = List.copyOf(attachments);
	}

	public static OutgoingMail of(String to, String subject, String template, Map<String, Object> model) {
		return new OutgoingMail(List.of(to), subject, template, model, List.of());
	}

	/**
	 * An attached file: its bytes, or the official document whose bytes are read when the
	 * mail is delivered ({@code content} null then; a document rendered on first read is
	 * rendered by that delivery if nobody read it before).
	 */
	public record Attachment(String fileName, String contentType, byte[] content, Long documentId) {

		public Attachment(String fileName, String contentType, byte[] content) {
			this(fileName, contentType, content, null);
		}

		/** The official document {@code id}, read at delivery. */
		public static Attachment document(String fileName, long id) {
			return new Attachment(fileName, "application/pdf", null, id);
		}

	}

}
