package fr.parcourscpts.compte;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import fr.parcourscpts.ApplicationTest;

/**
 * The template engine the mail outbox uses renders both parts of the module's mails: the
 * {@code .txt} part as text (its extension decides the template mode), with the messages
 * of the application.
 */
@ApplicationTest
class MailsDeLApplicationTest {

	@Autowired
	TemplateEngine templates;

	@Test
	void confirmationMailRendersAsHtmlAndAsText() {
		Context context = new Context(Locale.FRANCE,
				Map.of("lien", "https://parcours.example/inscription/confirmation?jeton=abc", "prenom", "Claire",
						"validite", "24 heures"));

		String texte = this.templates.process("mail/compte-confirmation.txt", context);
		String html = this.templates.process("mail/compte-confirmation.html", context);

		assertThat(texte).startsWith("Bonjour Claire,")
			.contains("https://parcours.example/inscription/confirmation?jeton=abc")
			.contains("valable 24 heures")
			.doesNotContain("<p>");
		assertThat(html).contains("<a href=\"https://parcours.example/inscription/confirmation?jeton=abc\">")
			.contains("Confirmer mon adresse");
	}

}
