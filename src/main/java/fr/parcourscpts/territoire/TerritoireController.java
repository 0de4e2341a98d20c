package fr.parcourscpts.territoire;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * JSON for the portal: autocompletion of communes, and the population rules of the
 * territory being composed. Bad input gets a 400 in the French {@code {"message",
 * "erreurs"}} of every JSON API of the application, the parameter at fault in
 * {@code erreurs}.
 */
@RestController
@RequestMapping("/api/territoire")
class TerritoireController {

	static final int MIN_QUERY_LENGTH = 2;

	static final int DEFAULT_LIMIT = 10;

	static final int MAX_LIMIT = 50;

	/** Far above any CPTS (the largest rural ones count a few hundred communes). */
	static final int MAX_COMMUNES = 2000;

	private final TerritoireService territoires;

	private final MessageSource messages;

	TerritoireController(TerritoireService territoires, MessageSource messages) {
		this.territoires = territoires;
		this.messages = messages;
	}

	@GetMapping("/communes")
	List<Commune> communes(@RequestParam(name = "q", required = false) String q,
			@RequestParam(name = "limit", required = false) String limit) {
		String query = (q != null) ? q.strip() : "";
		if (query.length() < MIN_QUERY_LENGTH) {
			throw new InvalidRequest("q", "territoire.error.query", MIN_QUERY_LENGTH);
		}
		return this.territoires.search(query, limit(limit));
	}

	@GetMapping
	TerritoireJson territoire(@RequestParam(name = "communes", required = false) String communes) {
		List<String> codes = (communes != null)
				? Arrays.stream(communes.split(",")).map(String::strip).filter((code) -> !code.isEmpty()).toList()
				: List.of();
		if (codes.isEmpty()) {
			throw new InvalidRequest("communes", "territoire.error.communes");
		}
		if (codes.size() > MAX_COMMUNES) {
			throw new InvalidRequest("communes", "territoire.error.tooManyCommunes", MAX_COMMUNES);
		}
		Territoire territoire = this.territoires.territoire(codes);
		String message = territoire.eligible() ? null
				: message("territoire.notEligible", territoire.population(), this.territoires.minimumPopulation());
		return new TerritoireJson(territoire.population(), territoire.tailleCpts().numero(), territoire.eligible(),
				territoire.region().orElse(null), territoire.regions(), territoire.departements(),
				territoire.communes(), territoire.unknownCodes(), message);
	}

	@ExceptionHandler
	ResponseEntity<Map<String, Object>> invalidRequest(InvalidRequest invalid) {
		String message = message(invalid.code, invalid.arguments);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", message);
		body.put("erreurs", Map.of(invalid.parameter, message));
		return ResponseEntity.badRequest().body(body);
	}

	private int limit(String limit) {
		if (limit == null || limit.isBlank()) {
			return DEFAULT_LIMIT;
		}
		try {
			int value = Integer.parseInt(limit.strip());
			if (value >= 1 && value <= MAX_LIMIT) {
				return value;
			}
		}
		catch (NumberFormatException ex) {
			// falls through to the message below
		}
		throw new InvalidRequest("limit", "territoire.error.limit", 1, MAX_LIMIT);
	}

	private String message(String code, Object... arguments) {
		return this.messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}

	/**
	 * The territory as the portal shows it.
	 *
	 * @param region the région when the territory lies in one, else {@code null}
	 * @param message why the territory is not eligible, {@code null} when it is
	 */
	record TerritoireJson(long population, int taille, boolean eligible, RegionInsee region, List<RegionInsee> regions,
			List<Departement> departements, List<Commune> communes, List<String> unknownCodes, String message) {
	}

	private static final class InvalidRequest extends RuntimeException {

		private final String parameter;

		private final String code;

		private final Object[] arguments;

		InvalidRequest(String parameter, String code, Object... arguments) {
			super(code, null, false, false);
			this.parameter = parameter;
			this.code = code;
			this.arguments = arguments;
		}

	}

}
