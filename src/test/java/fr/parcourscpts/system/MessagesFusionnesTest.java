package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.autoconfigure.context.MessageSourceProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.EncodedResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * The one merged message source of {@link GabaritsConfiguration} gives every text of the
 * eleven bundles exactly as Spring Boot's {@code ResourceBundleMessageSource}, which
 * looked them up one bundle after another: same text, same formatting of arguments, the
 * first bundle of {@code spring.messages.basename} winning when two hold a key.
 */
class MessagesFusionnesTest {

	private static final Locale FRANCE = Locale.FRANCE;

	@Test
	void everyTextReadsAsWhenTheBundlesWereSearchedOneAfterAnother() throws IOException {
		List<String> basenames = basenames();
		MessageSourceProperties properties = new MessageSourceProperties();
		properties.setBasename(basenames);
		properties.setFallbackToSystemLocale(false);
		MessageSource merged = new GabaritsConfiguration().messageSource(properties);
		ResourceBundleMessageSource oneAfterAnother = new ResourceBundleMessageSource();
		oneAfterAnother.setBasenames(basenames.toArray(String[]::new));
		oneAfterAnother.setDefaultEncoding(StandardCharsets.UTF_8.name());
		oneAfterAnother.setFallbackToSystemLocale(false);

		Set<String> keys = new TreeSet<>();
		for (String basename : basenames) {
			Properties bundle = PropertiesLoaderUtils.loadProperties(
					new EncodedResource(new ClassPathResource(basename + ".properties"), StandardCharsets.UTF_8));
			keys.addAll(bundle.stringPropertyNames());
		}
		assertThat(keys).hasSizeGreaterThan(500);
		Object[] args = { 1, 22, 3333 };
		for (String key : keys) {
			assertThat(merged.getMessage(key, null, FRANCE)).as(key)
				.isEqualTo(oneAfterAnother.getMessage(key, null, FRANCE));
			assertThat(lu(merged, key, args)).as(key + " with arguments").isEqualTo(lu(oneAfterAnother, key, args));
		}
		assertThat(merged.getMessage("cle.absente.de.tous.les.fichiers", null, "défaut", FRANCE)).isEqualTo("défaut");
	}

	/** The text, or the exception's class when the arguments do not fit its format. */
	private static String lu(MessageSource messages, String key, Object[] args) {
		try {
			return messages.getMessage(key, args, FRANCE);
		}
		catch (IllegalArgumentException ex) {
			return ex.getClass().getName();
		}
	}

	/** {@code spring.messages.basename} of application.yml. */
	private static List<String> basenames() {
		YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
		yaml.setResources(new ClassPathResource("application.yml"));
		String basenames = yaml.getObject().getProperty("spring.messages.basename");
		assertThat(basenames).isNotBlank();
		return Arrays.stream(basenames.split(",")).map(String::trim).toList();
	}

}
