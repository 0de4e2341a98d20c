package fr.parcourscpts.territoire;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.security.test.context.support.WithAnonymousUser;
import org.springframework.security.test.context.support.WithMockUser;
import org.springframework.test.web.servlet.MockMvc;

import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The endpoints on the real reference data. */
@WebMvcTest(TerritoireController.class)
@Import({ TerritoireService.class, TerritoireControllerTest.RulesFromTheModelFile.class })
@WithMockUser
class TerritoireControllerTest {

	/** What French number formatting puts between thousands. */
	private static final String THOUSANDS = "\u202f";

	@Autowired
	private MockMvc mvc;

	/**
	 * The slice runs Spring Boot's default security, not the application's filter chains
	 * (identity module); both ask anonymous callers to log in.
	 */
	@Test
	@WithAnonymousUser
	void isForLoggedInUsersOnly() throws Exception {
		this.mvc.perform(get("/api/territoire/communes").param("q", "toulouse")).andExpect(status().isUnauthorized());
	}

	@Test
	void autocompletesCommunesByName() throws Exception {
		this.mvc.perform(get("/api/territoire/communes").param("q", "toulouse").param("limit", "3"))
			.andExpect(status().isOk())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
			.andExpect(jsonPath("$", hasSize(3)))
			.andExpect(jsonPath("$[0].code").value("31555"))
			.andExpect(jsonPath("$[0].nom").value("Toulouse"))
			.andExpect(jsonPath("$[0].departement").value("31"))
			.andExpect(jsonPath("$[0].region").value("76"))
			.andExpect(jsonPath("$[0].population").isNumber());
	}

	@Test
	void returnsTenCommunesUnlessToldOtherwise() throws Exception {
		this.mvc.perform(get("/api/territoire/communes").param("q", "saint"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(TerritoireController.DEFAULT_LIMIT)));
		this.mvc.perform(get("/api/territoire/communes").param("q", "saint").param("limit", "50"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(50)));
	}

	@Test
	void refusesAQueryOfLessThanTwoCharacters() throws Exception {
		for (String q : new String[] { "t", " t ", "" }) {
			this.mvc.perform(get("/api/territoire/communes").param("q", q))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
				.andExpect(jsonPath("$.message")
					.value("Saisissez au moins 2 caractères du nom ou du code INSEE de la commune."))
				.andExpect(jsonPath("$.erreurs.q")
					.value("Saisissez au moins 2 caractères du nom ou du code INSEE de la commune."));
		}
		this.mvc.perform(get("/api/territoire/communes")).andExpect(status().isBadRequest());
	}

	@Test
	void refusesALimitOutsideOneToFifty() throws Exception {
		for (String limit : new String[] { "0", "51", "-3", "dix" }) {
			this.mvc.perform(get("/api/territoire/communes").param("q", "toul").param("limit", limit))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.erreurs.limit")
					.value("Le nombre de résultats demandé (limit) doit être un entier de 1 à 50."));
		}
	}

	@Test
	void computesTheTerritory() throws Exception {
		this.mvc.perform(get("/api/territoire").param("communes", "31555,31069"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.communes", hasSize(2)))
			.andExpect(jsonPath("$.communes[1].nom").value("Blagnac"))
			.andExpect(jsonPath("$.taille").value(4))
			.andExpect(jsonPath("$.eligible").value(true))
			.andExpect(jsonPath("$.region.code").value("76"))
			.andExpect(jsonPath("$.region.nom").value("Occitanie"))
			.andExpect(jsonPath("$.departements[0].nom").value("Haute-Garonne"))
			.andExpect(jsonPath("$.unknownCodes", hasSize(0)))
			.andExpect(jsonPath("$.message").value(nullValue()));
	}

	@Test
	void explainsInFrenchWhyATerritoryIsTooSmall() throws Exception {
		// Toul (Meurthe-and-Moselle) alone, and a code that is no commune
		long toul = new TerritoireService(ReglesTaille.fromModelFile()).commune("54528").orElseThrow().population();
		String inhabitants = String.format(java.util.Locale.FRANCE, "%,d", toul).replace('\u00a0', '\u202f');
		this.mvc.perform(get("/api/territoire").param("communes", "54528, 99999"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.population").value(toul))
			.andExpect(jsonPath("$.taille").value(1))
			.andExpect(jsonPath("$.eligible").value(false))
			.andExpect(jsonPath("$.unknownCodes[0]").value("99999"))
			.andExpect(jsonPath("$.message").value("Le territoire compte " + inhabitants
					+ " habitants : une CPTS doit couvrir au moins 20" + THOUSANDS + "000 habitants."));
	}

	@Test
	void refusesATerritoryWithoutCommunes() throws Exception {
		for (String communes : new String[] { "", " , " }) {
			this.mvc.perform(get("/api/territoire").param("communes", communes))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.erreurs.communes")
					.value("Indiquez au moins une commune par son code INSEE (codes séparés par des virgules)."));
		}
		this.mvc.perform(get("/api/territoire")).andExpect(status().isBadRequest());
	}

	/** No process engine in a web slice: the size rules come from the same DMN file. */
	@TestConfiguration(proxyBeanMethods = false)
	static class RulesFromTheModelFile {

		@Bean
		ReglesTaille reglesTaille() {
			return ReglesTaille.fromModelFile();
		}

	}

}
