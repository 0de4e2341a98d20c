package fr.parcourscpts.compte;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import fr.parcourscpts.compte.LienEmis.Objet;

/**
 * Both parts of every mail of the module render in French with the link: the HTML part in
 * HTML mode, the text part in TEXT mode (as the outbox renders {@code .txt} templates).
 */
class MailTemplatesTest {

	private static final Map<String, Object> MODELE = Map.of("lien", "https://parcours.example/x?jeton=abc", "prenom",
			"Claire", "invitant", "Camille Martin", "reference", "CPTS-76-2026-0001", "nomCpts", "CPTS du Lauragais",
			"validite", "7 jours");

	@ParameterizedTest
	@EnumSource(Objet.class)
	void htmlAndTextPartsCarryTheLinkInFrench(Objet objet) {
		String html = moteur(TemplateMode.HTML).process("templates/mail/" + objet.template() + ".html", contexte());
		String texte = moteur(TemplateMode.TEXT).process("templates/mail/" + objet.template() + ".txt", contexte());

		for (String partie : new String[] { html, texte }) {
			assertThat(partie).contains("https://parcours.example/x?jeton=abc")
				.contains("Bonjour")
				.doesNotContain("??");
		}
		assertThat(html).contains("L&#39;équipe Parcours CPTS");
		assertThat(texte).contains("L'équipe Parcours CPTS");
		assertThat(texte).doesNotContain("<");
		if (objet == Objet.INVITATION) {
			assertThat(texte).contains("Camille Martin vous invite")
				.contains("CPTS-76-2026-0001")
				.contains("valable 7 jours");
		}
		else {
			assertThat(texte).contains("Bonjour Claire,");
			if (objet != Objet.COMPTE_EXISTANT) {
				assertThat(texte).contains("valable 7 jours");
			}
		}
	}

	private static Context contexte() {
		return new Context(Locale.FRANCE, MODELE);
	}

	private static SpringTemplateEngine moteur(TemplateMode mode) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		SpringTemplateEngine engine = new SpringTemplateEngine();
		engine.setTemplateResolver(resolver);
		engine.setTemplateEngineMessageSource(CompteMailsTest.messages());
		return engine;
	}

}
