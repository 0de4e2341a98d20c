package fr.parcourscpts.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No page, mail or document formats a date in the zone of the JVM, and no Camunda Form
 * cuts a day out of the engine's text of a date (which is in that zone too).
 */
class DatesAfficheesTest {

	private static final Pattern ZONE_DE_LA_JVM = Pattern.compile("#(dates|temporals|calendars)\\.");

	private static final Pattern JOUR_DANS_UN_FORMULAIRE = Pattern
		.compile("\\b(date\\w+)" + LibellesFormulaires.JOUR + "\\b");

	@Test
	void templatesFormatDatesInParis() throws IOException {
		Set<String> fautifs = new TreeSet<>();
		try (Stream<Path> fichiers = Files.walk(Path.of("src/main/resources/templates"))) {
			fichiers.filter(Files::isRegularFile).forEach((fichier) -> {
				if (ZONE_DE_LA_JVM.matcher(lire(fichier)).find()) {
					fautifs.add(fichier.toString());
				}
			});
		}
		assertThat(fautifs).as("templates formatting dates in the JVM's zone (use #jours)").isEmpty();
	}

	@Test
	void formsShowTheDaysTheTasksAreGiven() throws IOException {
		Set<String> montrees = new TreeSet<>();
		try (Stream<Path> formulaires = Files.list(Path.of("forms"))) {
			formulaires.filter((f) -> f.toString().endsWith(".form")).forEach((formulaire) -> {
				String texte = lire(formulaire);
				assertThat(texte).as(formulaire + " cuts a day out of a date's text").doesNotContain("substring(date");
				Matcher jour = JOUR_DANS_UN_FORMULAIRE.matcher(texte);
				while (jour.find()) {
					montrees.add(jour.group(1));
				}
			});
		}
		assertThat(montrees).as("dates shown by the forms").isNotEmpty();
		assertThat(LibellesFormulaires.DATES).containsExactlyInAnyOrderElementsOf(montrees);
	}

	private static String lire(Path fichier) {
		try {
			return Files.readString(fichier);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
