package fr.parcourscpts.documents;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import fr.parcourscpts.territoire.Commune;
import fr.parcourscpts.territoire.TerritoireService;

/**
 * The institutions that a document names: the ARS of the dossier's region and the caisse
 * (CPAM, CGSS or CSS) of its département. Reference data in {@code documents/ars.csv} and
 * {@code documents/caisses.csv}; their sources are in {@code documents/SOURCE.txt}.
 */
@Component
public class AutoritesCompetentes {

	private final Map<String, String> ars;

	private final Map<String, String> caisses;

	private final TerritoireService territoire;

	AutoritesCompetentes(TerritoireService territoire) {
		this.territoire = territoire;
		this.ars = read("documents/ars.csv");
		this.caisses = read("documents/caisses.csv");
	}

	/** The ARS of a region by its INSEE code, e.g. {@code ARS Occitanie}. */
	public Optional<String> ars(String region) {
		return Optional.ofNullable(this.ars.get(region));
	}

	/** The caisse of a département by its INSEE code, e.g. {@code CPAM de l’Hérault}. */
	public Optional<String> caisse(String departement) {
		return Optional.ofNullable(this.caisses.get(departement));
	}

	/**
	 * The département of a territory: the one where most of its population lives (a CPTS
	 * across a départemental border signs with one CPAM); ties go to the smaller code.
	 * @param communes INSEE commune codes
	 * @return the département's code, empty when no commune is known
	 */
	public Optional<String> departement(Collection<String> communes) {
		// Commune by commune: the territory's size class (a DMN of the engine) is not
		// needed.
		Map<String, Long> population = communes.stream()
			.map((code) -> code.trim().toUpperCase(java.util.Locale.ROOT))
			.distinct()
			.map(this.territoire::commune)
			.flatMap(Optional::stream)
			.collect(Collectors.groupingBy(Commune::departement, Collectors.summingLong(Commune::population)));
		return population.entrySet()
			.stream()
			.max(Comparator.<Map.Entry<String, Long>>comparingLong(Map.Entry::getValue)
				.thenComparing(Map.Entry::getKey, Comparator.reverseOrder()))
			.map(Map.Entry::getKey);
	}

	/** The caisse of the territory's département (see {@link #departement}). */
	public Optional<String> caisseDuTerritoire(Collection<String> communes) {
		return departement(communes).flatMap(this::caisse);
	}

	private static Map<String, String> read(String path) {
		Map<String, String> values = new LinkedHashMap<>();
		try (InputStream in = AutoritesCompetentes.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("Référentiel absent : " + path);
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			reader.readLine();
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.isBlank()) {
					continue;
				}
				int separator = line.indexOf(';');
				values.put(line.substring(0, separator).trim(), line.substring(separator + 1).trim());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Map.copyOf(values);
	}

}
