package fr.parcourscpts.territoire;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Service;

/**
 * The territories reference data, loaded once from {@code territoire/*.csv} when the
 * application starts and then held in memory (about 35,000 communes): lookups,
 * autocompletion and the population rules of a territory.
 */
@Service
public class TerritoireService {

	private static final Log logger = LogFactory.getLog(TerritoireService.class);

	static final String LOCATION = "territoire/";

	/** A beginning of an INSEE code: a digit, then digits or the A/B of Corsica. */
	private static final Pattern CODE_PREFIX = Pattern.compile("[0-9][0-9AB][0-9]{0,3}|[0-9]");

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");

	private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");

	/** Largest first; then by name and code, so that the order is stable. */
	private static final Comparator<Commune> BY_POPULATION = Comparator.comparingInt(Commune::population)
		.reversed()
		.thenComparing(Commune::nom)
		.thenComparing(Commune::code);

	private final ReglesTaille regles;

	private final Map<String, RegionInsee> regions;

	private final Map<String, Departement> departements;

	/** By INSEE code, in code order. */
	private final Map<String, Commune> communes;

	/** The same communes, each with its name as search compares it. */
	private final List<Indexed> index;

	public TerritoireService(ReglesTaille regles) {
		this.regles = regles;
		this.regions = load("regions.csv", "code;nom", (f) -> new RegionInsee(f[0], f[1]), RegionInsee::code);
		this.departements = load("departements.csv", "code;nom;region", (f) -> new Departement(f[0], f[1], f[2]),
				Departement::code);
		this.communes = load("communes.csv", "code;nom;departement;region;population",
				(f) -> new Commune(f[0], f[1], f[2], f[3], Integer.parseInt(f[4])), Commune::code);
		this.index = this.communes.values()
			.stream()
			.map((commune) -> new Indexed(commune, normalize(commune.nom())))
			.toList();
		logger.info("Territoire reference data: " + this.communes.size() + " communes, " + this.departements.size()
				+ " départements, " + this.regions.size() + " régions");
	}

	public Optional<Commune> commune(String inseeCode) {
		return Optional.ofNullable((inseeCode != null) ? this.communes.get(canonicalCode(inseeCode)) : null);
	}

	public Optional<Departement> departement(String code) {
		return Optional.ofNullable((code != null) ? this.departements.get(canonicalCode(code)) : null);
	}

	public Optional<RegionInsee> region(String code) {
		return Optional.ofNullable((code != null) ? this.regions.get(code.strip()) : null);
	}

	/**
	 * The communes a porteur may mean when typing {@code query}, best first. A query that
	 * looks like the beginning of an INSEE code ({@code 31}, {@code 3155}, {@code 2A0})
	 * matches codes: the exact code first, then by population. Otherwise it matches
	 * names, ignoring case, accents, hyphens and apostrophes ({@code saint etienne} finds
	 * Saint-Étienne): the exact name first, then the names that start with the query,
	 * then the names that contain it; each group by population, the largest first.
	 * @param query what was typed; blank gives no result
	 * @param limit the most communes to return, at least 1
	 */
	public List<Commune> search(String query, int limit) {
		if (limit < 1) {
			throw new IllegalArgumentException("limit must be at least 1, got " + limit);
		}
		if (query == null || query.isBlank()) {
			return List.of();
		}
		String code = canonicalCode(query);
		if (CODE_PREFIX.matcher(code).matches()) {
			return this.communes.values()
				.stream()
				.filter((commune) -> commune.code().startsWith(code))
				.sorted(Comparator.comparing((Commune commune) -> !commune.code().equals(code))
					.thenComparing(BY_POPULATION))
				.limit(limit)
				.toList();
		}
		String name = normalize(query);
		if (name.isEmpty()) {
			return List.of();
		}
		record Match(Commune commune, int rank) {
		}
		return this.index.stream()
			.map((indexed) -> new Match(indexed.commune(), rank(indexed.name(), name)))
			.filter((match) -> match.rank() >= 0)
			.sorted(Comparator.comparingInt(Match::rank).thenComparing(Match::commune, BY_POPULATION))
			.limit(limit)
			.map(Match::commune)
			.toList();
	}

	/**
	 * The territory made of these communes. Codes are trimmed and upper-cased
	 * ({@code 2a004} is {@code 2A004}); blanks are ignored, and a commune given twice
	 * counts once.
	 */
	public Territoire territoire(Collection<String> inseeCodes) {
		Set<String> codes = new LinkedHashSet<>();
		for (String code : inseeCodes) {
			if (code != null && !code.isBlank()) {
				codes.add(canonicalCode(code));
			}
		}
		List<Commune> known = new ArrayList<>();
		List<String> unknown = new ArrayList<>();
		Map<String, RegionInsee> regionsCovered = new TreeMap<>();
		Map<String, Departement> departementsCovered = new TreeMap<>();
		long population = 0;
		for (String code : codes) {
			Commune commune = this.communes.get(code);
			if (commune == null) {
				unknown.add(code);
				continue;
			}
			known.add(commune);
			population += commune.population();
			regionsCovered.put(commune.region(), this.regions.get(commune.region()));
			departementsCovered.put(commune.departement(), this.departements.get(commune.departement()));
		}
		ReglesTaille.Classement classement = this.regles.classer(population);
		return new Territoire(known, unknown, population, List.copyOf(regionsCovered.values()),
				List.copyOf(departementsCovered.values()), classement.taille(), classement.eligible());
	}

	/** The least population of an eligible territory, for messages. */
	public long minimumPopulation() {
		return this.regles.minimumPopulation();
	}

	/** 0 same name, 1 starts with the query, 2 contains it, -1 no match. */
	private static int rank(String name, String query) {
		if (name.startsWith(query)) {
			return (name.length() == query.length()) ? 0 : 1;
		}
		return name.contains(query) ? 2 : -1;
	}

	/** Lower case, without accents; any run of other characters becomes one space. */
	static String normalize(String text) {
		String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
		String plain = MARKS.matcher(decomposed)
			.replaceAll("")
			.toLowerCase(Locale.ROOT)
			.replace("œ", "oe")
			.replace("æ", "ae");
		return SEPARATORS.matcher(plain).replaceAll(" ").strip();
	}

	private static String canonicalCode(String code) {
		return code.strip().toUpperCase(Locale.ROOT);
	}

	private static <T> Map<String, T> load(String file, String header, Function<String[], T> parse,
			Function<T, String> key) {
		ClassPathResource resource = new ClassPathResource(LOCATION + file);
		Map<String, T> loaded = new LinkedHashMap<>();
		int columns = header.split(";").length;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(resource.getInputStream(), StandardCharsets.UTF_8))) {
			String first = reader.readLine();
			if (!header.equals(first)) {
				throw new IllegalStateException(resource + ": expected the header " + header + ", found " + first);
			}
			String line;
			int number = 1;
			while ((line = reader.readLine()) != null) {
				number++;
				if (line.isEmpty()) {
					continue;
				}
				String[] fields = line.split(";", -1);
				if (fields.length != columns) {
					throw new IllegalStateException(
							resource + " line " + number + ": expected " + columns + " fields, found " + fields.length);
				}
				T value = parse.apply(fields);
				loaded.put(key.apply(value), value);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
		return loaded;
	}

	private record Indexed(Commune commune, String name) {
	}

}
