package fr.parcourscpts.formulaires;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * What a porteur (or an agent) typed reaches the agents' forms as literal text. form-js
 * renders a {@code text} component as Markdown and lets links and images through its
 * sanitiser, and its templating inserts values there as they are; an {@code html}
 * component escapes every {@code {{ … }}} insert before sanitising. So every value is
 * shown by an {@code html} component, between tags, and a {@code text} component holds
 * our own Markdown only. A new form that interpolates a variable in Markdown fails here.
 */
class FormulairesTexteLitteralTest {

	private static final ObjectMapper JSON = new ObjectMapper();

	/** The task-local copy of the dossier's reference (identity.TaskListVariables). */
	private static final String REFERENCE = "dossierReference";

	private static final Pattern INSERT = Pattern.compile("\\{\\{(.*?)}}", Pattern.DOTALL);

	private static final Pattern BARE_VARIABLE = Pattern.compile("\\s*[A-Za-z_][A-Za-z0-9_]*\\s*");

	/**
	 * Markdown built by the server from fixed labels, anything else escaped
	 * ({@code AvisUrps.synthese}: a table of the URPS' opinions), the only inserts a
	 * {@code text} component may hold.
	 */
	private static final Set<String> MARKDOWN_DU_SERVEUR = Set.of("syntheseAvisUrps", REFERENCE);

	/**
	 * The link back to the agents' page of the dossier: the reference is made by the
	 * service ({@code CPTS-76-2026-0001}), never typed by anyone.
	 */
	private static final String LIEN_DOSSIER = "[Ouvrir le dossier complet](/agents/dossiers/{{" + REFERENCE + "}})";

	/** Variables set from what the porteur typed in the portal. */
	private static final List<String> SAISIES_DU_PORTEUR = List.of("nomCpts", "communesEnChevauchement", "reponseFir");

	@Test
	void theTwelveFormsAreRead() throws IOException {
		assertThat(forms()).hasSize(12);
	}

	@Test
	void everyFormLinksBackToTheWholeDossier() throws IOException {
		for (Path form : forms()) {
			assertThat(components(form)).as(form.getFileName().toString())
				.anyMatch((component) -> "text".equals(component.path("type").asText())
						&& component.path("text").asText().startsWith(LIEN_DOSSIER));
		}
	}

	@Test
	void theReferenceIsInterpolatedInMarkdownOnlyAsTheLinkBack() throws IOException {
		for (Path form : forms()) {
			for (JsonNode component : components(form)) {
				String text = component.path("text").asText();
				if (text.contains("{{" + REFERENCE)) {
					assertThat(text).as(form.getFileName().toString()).startsWith(LIEN_DOSSIER);
					assertThat(text.indexOf("{{", LIEN_DOSSIER.length())).isEqualTo(-1);
				}
			}
		}
	}

	@Test
	void noMarkdownComponentInterpolatesAValue() throws IOException {
		List<String> found = new ArrayList<>();
		for (Path form : forms()) {
			for (JsonNode component : components(form)) {
				if (!"text".equals(component.path("type").asText())) {
					continue;
				}
				Matcher insert = INSERT.matcher(component.path("text").asText());
				while (insert.find()) {
					if (!MARKDOWN_DU_SERVEUR.contains(insert.group(1).strip())) {
						found.add(form.getFileName() + " " + component.path("id").asText() + " : " + insert.group());
					}
				}
			}
		}
		assertThat(found).as("texte Markdown interpolant une valeur (à mettre dans un composant html)").isEmpty();
	}

	@Test
	void everyHtmlInsertIsTextBetweenTagsNeverInsideATag() throws IOException {
		List<String> found = new ArrayList<>();
		for (Path form : forms()) {
			for (JsonNode component : components(form)) {
				if ("html".equals(component.path("type").asText())) {
					String content = component.path("content").asText();
					if (insertInsideATag(content)) {
						found.add(form.getFileName() + " " + component.path("id").asText());
					}
				}
			}
		}
		assertThat(found).as("insertion {{ … }} dans une balise ou un attribut").isEmpty();
	}

	@Test
	void aBareVariableIsGuardedAgainstAbsence() throws IOException {
		// an html insert that evaluates to null shows "{{⚠}}": absent variables show
		// empty
		List<String> found = new ArrayList<>();
		for (Path form : forms()) {
			for (JsonNode component : components(form)) {
				Matcher insert = INSERT.matcher(component.path("content").asText());
				while (insert.find()) {
					if (BARE_VARIABLE.matcher(insert.group(1)).matches()) {
						found.add(form.getFileName() + " " + component.path("id").asText() + " : " + insert.group());
					}
				}
			}
		}
		assertThat(found).as("{{variable}} sans « if variable = null then \"\" else variable »").isEmpty();
	}

	@Test
	void noImageFrameOrOtherComponentThatFetchesWhatAVariableSays() throws IOException {
		for (Path form : forms()) {
			for (JsonNode component : components(form)) {
				assertThat(component.path("type").asText()).as(form.getFileName() + " " + component.path("id"))
					.isIn("text", "html", "radio", "textarea", "textfield", "number", "checkbox", "datetime",
							"expression", "select", "checklist", "group", "spacer", "separator");
			}
		}
	}

	@Test
	void whatThePorteurTypedIsStillShownToTheAgents() throws IOException {
		StringBuilder html = new StringBuilder();
		for (Path form : forms()) {
			for (JsonNode component : components(form)) {
				html.append(component.path("content").asText());
			}
		}
		assertThat(html.toString()).contains(SAISIES_DU_PORTEUR);
	}

	static boolean insertInsideATag(String content) {
		boolean inTag = false;
		for (int i = 0; i < content.length(); i++) {
			char c = content.charAt(i);
			if (content.startsWith("{{", i)) {
				if (inTag) {
					return true;
				}
				int end = content.indexOf("}}", i);
				i = (end < 0) ? content.length() : end + 1;
			}
			else if (c == '<') {
				inTag = true;
			}
			else if (c == '>') {
				inTag = false;
			}
		}
		return false;
	}

	private static List<Path> forms() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("forms"))) {
			return files.filter((file) -> file.toString().endsWith(".form")).sorted().toList();
		}
	}

	private static List<JsonNode> components(Path form) throws IOException {
		List<JsonNode> all = new ArrayList<>();
		collect(JSON.readTree(Files.readString(form)).path("components"), all);
		return all;
	}

	private static void collect(JsonNode components, List<JsonNode> all) {
		for (JsonNode component : components) {
			all.add(component);
			collect(component.path("components"), all);
		}
	}

}
