package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our French locale of the Camunda webapps: it translates every label the webjar's
 * English locale has (so that an upgrade of Camunda that adds labels fails here, not in
 * front of an agent), and the application serves our configuration and styles instead of
 * the webjar's.
 */
class TasklistEnFrancaisTest {

	private static final String APPS = "META-INF/resources/webjars/camunda/app/";

	private final ObjectMapper json = new ObjectMapper();

	@ParameterizedTest
	@ValueSource(strings = { "tasklist", "welcome", "admin", "cockpit" })
	void everyEnglishLabelOfTheWebjarHasItsFrenchTranslation(String app) throws IOException {
		JsonNode english = read(APPS + app + "/locales/en.json").get("labels");
		JsonNode french = read(APPS + app + "/locales/fr.json").get("labels");

		List<String> englishKeys = english.properties().stream().map(Map.Entry::getKey).toList();
		assertThat(englishKeys).isNotEmpty();
		assertThat(englishKeys).allSatisfy((key) -> assertThat(french.has(key)).as(key).isTrue());
		assertThat(french.size()).isEqualTo(english.size());
	}

	private JsonNode read(String resource) throws IOException {
		// The webjar's en.json starts with a byte order mark, which Jackson does not
		// skip.
		URL url = getClass().getClassLoader().getResource(resource);
		assertThat(url).as(resource).isNotNull();
		try (InputStream in = url.openStream()) {
			String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
			return this.json.readTree(text.startsWith("\uFEFF") ? text.substring(1) : text);
		}
	}

}
