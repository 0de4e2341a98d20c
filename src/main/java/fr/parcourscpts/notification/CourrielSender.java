package fr.parcourscpts.notification;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.parcourscpts.documents.DocumentsOfficiels;

/**
 * Delivers the mails of the outbox. Each mail is sent in a transaction of its own that
 * holds its row locked ({@code FOR UPDATE}; {@code SKIP LOCKED} on PostgreSQL, so that
 * several nodes share the work without waiting on each other) and re-checks that it is
 * still due: two runs never send the same row, and a mail is marked SENT once. A failure
 * is recorded with an exponential backoff; after the configured number of attempts the
 * mail is FAILED and waits for an administrator ("Renvoyer").
 *
 * <p>
 * The SMTP hand-over and the commit cannot be one atomic step: if the database went away
 * between the two, the mail would be sent again on the next run (at least once, never
 * lost).
 */
@Service
public class CourrielSender {

	private static final Logger logger = LoggerFactory.getLogger(CourrielSender.class);

	private final JdbcClient jdbc;

	private final JavaMailSender mailSender;

	private final TransactionTemplate transaction;

	private final CourrielsProperties properties;

	private final String lockClause;

	private final DocumentsOfficiels documents;

	CourrielSender(JdbcClient jdbc, JavaMailSender mailSender, PlatformTransactionManager transactionManager,
			CourrielsProperties properties, DataSource dataSource, DocumentsOfficiels documents) {
		this.jdbc = jdbc;
		this.documents = documents;
		this.mailSender = mailSender;
		this.transaction = new TransactionTemplate(transactionManager);
		this.properties = properties;
		this.lockClause = isPostgres(dataSource) ? "for update skip locked" : "for update";
	}

	private static boolean isPostgres(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Base de données inaccessible", ex);
		}
	}

	/**
	 * Sends the mails that are due now.
	 * @return how many were sent
	 */
	public int sendDue() {
		List<Long> due = this.jdbc
			.sql("select id from courriel where statut = :pending and prochain_essai <= :now order by id fetch first "
					+ this.properties.getLot() + " rows only")
			.param("pending", MailOutbox.PENDING)
			.param("now", OffsetDateTime.now())
			.query(Long.class)
			.list();
		int sent = 0;
		for (Long id : due) {
			if (Boolean.TRUE.equals(this.transaction.execute((status) -> deliver(id)))) {
				sent++;
			}
		}
		return sent;
	}

	private boolean deliver(long id) {
		OffsetDateTime now = OffsetDateTime.now();
		Optional<Row> claimed = this.jdbc
			.sql("select destinataires, sujet, corps_html, corps_texte, tentatives from courriel"
					+ " where id = :id and statut = :pending and prochain_essai <= :now " + this.lockClause)
			.param("id", id)
			.param("pending", MailOutbox.PENDING)
			.param("now", now)
			.query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5)))
			.optional();
		if (claimed.isEmpty()) {
			// Sent, failed or taken by another node since the list was read.
			return false;
		}
		Row row = claimed.get();
		int attempts = row.attempts() + 1;
		try {
			this.mailSender.send(compose(id, row));
		}
		catch (MailException | MessagingException ex) {
			boolean failed = attempts >= this.properties.getTentativesMax();
			this.jdbc.sql("""
					update courriel set statut = :status, tentatives = :attempts, prochain_essai = :next,
					                    derniere_erreur = :error
					where id = :id
					""")
				.param("status", failed ? MailOutbox.FAILED : MailOutbox.PENDING)
				.param("attempts", attempts)
				.param("next", now.plus(this.properties.attenteApres(attempts)))
				.param("error", truncate(ex.getMessage()))
				.param("id", id)
				.update();
			logger.warn("Courriel {} non envoyé (tentative {}) : {}", id, attempts, ex.getMessage());
			return false;
		}
		this.jdbc.sql("""
				update courriel set statut = :sent, tentatives = :attempts, sent_at = :now, derniere_erreur = null
				where id = :id
				""")
			.param("sent", MailOutbox.SENT)
			.param("attempts", attempts)
			.param("now", OffsetDateTime.now())
			.param("id", id)
			.update();
		return true;
	}

	private MimeMessage compose(long id, Row row) throws MessagingException {
		MimeMessage message = this.mailSender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
		helper.setFrom(this.properties.getExpediteur());
		helper.setTo(row.to().split(","));
		helper.setSubject(row.subject());
		helper.setText(row.text(), row.html());
		List<Attachment> attachments = this.jdbc.sql("""
				select nom_fichier, content_type, contenu, document_id from courriel_piece_jointe
				where courriel_id = :id order by id""")
			.param("id", id)
			.query((rs, n) -> new Attachment(rs.getString(1), rs.getString(2), rs.getBytes(3),
					rs.getObject(4, Long.class)))
			.list();
		for (Attachment attachment : attachments) {
			byte[] content = (attachment.content() != null) ? attachment.content() : document(id, attachment);
			helper.addAttachment(attachment.name(), new ByteArrayResource(content), attachment.type());
		}
		return message;
	}

	/**
	 * An official document attached by reference: rendered here if no one read it yet (in
	 * a transaction of its own, so its bytes stay even if this delivery fails).
	 */
	private byte[] document(long mail, Attachment attachment) throws MessagingException {
		return this.documents.contenu(attachment.documentId())
			.orElseThrow(() -> new MessagingException(
					"Courriel " + mail + " : document " + attachment.documentId() + " introuvable"));
	}

	private static String truncate(String message) {
		if (message == null) {
			return "erreur inconnue";
		}
		return (message.length() > 1900) ? message.substring(0, 1900) : message;
	}

	private record Row(String to, String subject, String html, String text, int attempts) {
	}

	private record Attachment(String name, String type, byte[] content, Long documentId) {
	}

}
