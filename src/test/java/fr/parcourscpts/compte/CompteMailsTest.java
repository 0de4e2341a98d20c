package fr.parcourscpts.compte;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;

import fr.parcourscpts.compte.LienEmis.Objet;
import fr.parcourscpts.notification.MailOutbox;
import fr.parcourscpts.notification.OutgoingMail;

/** What the module hands to the mail outbox for each link (a recording fake outbox). */
class CompteMailsTest {

	private final RecordingOutbox outbox = new RecordingOutbox();

	private final CompteMails mails = new CompteMails(this.outbox, messages(), new ComptesProperties());

	@Test
	void confirmationLinkGoesToTheAddressWithItsFrenchSubjectAndTemplates() {
		this.mails.envoyer(new LienEmis(Objet.CONFIRMATION, "claire@exemple.fr",
				"https://parcours.example/inscription/confirmation?jeton=abc", Map.of("prenom", "Claire")));

		assertThat(this.outbox.mails).singleElement().satisfies((mail) -> {
			assertThat(mail.to()).containsExactly("claire@exemple.fr");
			assertThat(mail.subject()).isEqualTo("Confirmez votre adresse électronique — Parcours CPTS");
			assertThat(mail.template()).isEqualTo("compte-confirmation");
			assertThat(mail.model())
				.containsEntry("lien", "https://parcours.example/inscription/confirmation?jeton=abc")
				.containsEntry("prenom", "Claire")
				.containsEntry("validite", "24 heures");
		});
	}

	@Test
	void everyKindOfLinkHasASubjectAndATemplate() {
		for (Objet objet : Objet.values()) {
			this.mails.envoyer(new LienEmis(objet, "x@exemple.fr", "https://l", Map.of()));
		}
		assertThat(this.outbox.mails).extracting(OutgoingMail::template)
			.containsExactly("compte-confirmation", "compte-existant", "compte-reinitialisation", "compte-invitation");
		assertThat(this.outbox.mails).extracting(OutgoingMail::subject).allSatisfy((subject) -> {
			assertThat(subject).isNotBlank().endsWith("Parcours CPTS");
		});
	}

	@Test
	void anOutboxFailureIsLoggedAndDoesNotReachTheCaller() {
		this.outbox.panne = true;
		assertThatNoException().isThrownBy(() -> this.mails
			.envoyer(new LienEmis(Objet.REINITIALISATION, "x@exemple.fr", "https://l", Map.of("prenom", "X"))));
	}

	static ResourceBundleMessageSource messages() {
		ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
		messages.setBasename("messages-comptes");
		messages.setDefaultEncoding("UTF-8");
		messages.setFallbackToSystemLocale(false);
		messages.setDefaultLocale(Locale.FRANCE);
		return messages;
	}

	/** Hand-written fake: records instead of rendering and sending. */
	static class RecordingOutbox extends MailOutbox {

		final List<OutgoingMail> mails = new ArrayList<>();

		boolean panne;

		RecordingOutbox() {
			super(null, null);
		}

		@Override
		public void enqueue(OutgoingMail mail) {
			if (this.panne) {
				throw new IllegalStateException("outbox down");
			}
			this.mails.add(mail);
		}

	}

}
