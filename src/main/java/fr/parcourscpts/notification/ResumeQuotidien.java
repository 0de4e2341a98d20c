package fr.parcourscpts.notification;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The daily digest of the agents who chose it: their notifications of the day wait in
 * {@code courriel_resume} and leave as one mail a day, recorded in the outbox in the same
 * transaction that empties the waiting list (nothing sent twice, nothing lost).
 */
@Service
public class ResumeQuotidien {

	private final JdbcClient jdbc;

	private final MailOutbox outbox;

	private final MessageSource messages;

	ResumeQuotidien(JdbcClient jdbc, MailOutbox outbox, MessageSource messages) {
		this.jdbc = jdbc;
		this.outbox = outbox;
		this.messages = messages;
	}

	/**
	 * Keeps a notification for the next digest of the agent, in the caller's transaction.
	 */
	@Transactional
	void add(String userId, String email, String reference, String subject, String link) {
		this.jdbc.sql("""
				insert into courriel_resume (utilisateur, adresse, reference, sujet, lien, created_at)
				values (:user, :email, :reference, :subject, :link, :now)
				""")
			.param("user", userId)
			.param("email", email)
			.param("reference", reference)
			.param("subject", subject)
			.param("link", link)
			.param("now", OffsetDateTime.now())
			.update();
	}

	/**
	 * Records one digest mail per agent with waiting notifications.
	 * @return how many digests were recorded
	 */
	@Transactional
	public int sendDigests() {
		List<Item> items = this.jdbc
			.sql("select id, utilisateur, adresse, reference, sujet, lien, created_at from courriel_resume order by id")
			.query((rs, n) -> new Item(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class)))
			.list();
		Map<String, List<Item>> byUser = items.stream()
			.collect(Collectors.groupingBy(Item::userId, LinkedHashMap::new, Collectors.toList()));
		for (List<Item> ofUser : byUser.values()) {
			String email = ofUser.get(ofUser.size() - 1).email();
			String subject = this.messages.getMessage("notification.resumeQuotidien.sujet",
					new Object[] { ofUser.size() }, Locale.FRANCE);
			List<Map<String, Object>> elements = ofUser.stream()
				.map((item) -> Map.<String, Object>of("sujet", item.subject(), "lien", item.link(), "date",
						java.util.Date.from(item.createdAt().toInstant())))
				.toList();
			this.outbox.enqueue(new OutgoingMail(List.of(email), subject, "resumeQuotidien",
					Map.of("elements", elements), List.of()));
		}
		if (!items.isEmpty()) {
			this.jdbc.sql("delete from courriel_resume where id <= :last")
				.param("last", items.get(items.size() - 1).id())
				.update();
		}
		return byUser.size();
	}

	private record Item(long id, String userId, String email, String reference, String subject, String link,
			OffsetDateTime createdAt) {
	}

}
