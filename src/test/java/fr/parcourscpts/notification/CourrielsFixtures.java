package fr.parcourscpts.notification;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import fr.parcourscpts.dossier.DossierMembers;

/** Dossiers and mailbox helpers shared by the notification tests. */
final class CourrielsFixtures {

	private final JdbcClient jdbc;

	private final DossierMembers members;

	CourrielsFixtures(JdbcClient jdbc, DossierMembers members) {
		this.jdbc = jdbc;
		this.members = members;
	}

	/**
	 * Forgets the mails other tests of the shared context left in the outbox (task mails
	 * of their processes), so a test counts only its own.
	 */
	void emptyOutbox() {
		this.jdbc.sql("delete from courriel_piece_jointe").update();
		this.jdbc.sql("delete from courriel").update();
		this.jdbc.sql("delete from courriel_resume").update();
	}

	long dossier(String reference, String region, String... porteurs) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into dossier (reference, region, nom_cpts, porteur, created_at)
				values (:r, :region, 'CPTS du Lauragais', :porteur, :at)
				""")
			.param("r", reference)
			.param("region", region)
			.param("porteur", porteurs[0])
			.param("at", OffsetDateTime.now())
			.update(key, "id");
		long id = key.getKey().longValue();
		for (int i = 0; i < porteurs.length; i++) {
			this.members.add(id, porteurs[i], (i == 0) ? DossierMembers.Role.PORTEUR : DossierMembers.Role.CO_PORTEUR);
		}
		return id;
	}

	static List<String> recipients(MimeMessage[] messages) {
		return Arrays.stream(messages).flatMap((message) -> {
			try {
				return Arrays.stream(message.getAllRecipients()).map(Address::toString);
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

	static MimeMessage to(MimeMessage[] messages, String address) {
		return Arrays.stream(messages)
			.filter((message) -> recipients(new MimeMessage[] { message }).contains(address))
			.findFirst()
			.orElseThrow(() -> new AssertionError("Aucun courriel pour " + address));
	}

}
