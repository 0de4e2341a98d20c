package fr.parcourscpts.portail;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * What the portal's tests share: MockMvc on the one application context, the demo users
 * as the application sees them, a valid lettre d'intention and a small real PDF.
 */
public final class PortailFixtures {

	/** A draft's page: {@code /dossiers/brouillons/{id}}, by the id of its lettre. */
	static final Pattern LETTRE_ID = Pattern.compile("/dossiers/brouillons/(\\d+)");

	private PortailFixtures() {
	}

	/** The whole application behind its security. */
	public static MockMvc mvc(WebApplicationContext context) {
		return MockMvcBuilders.webAppContextSetup(context).apply(SecurityMockMvcConfigurers.springSecurity()).build();
	}

	/** A demo porteur: the application derives GROUP_porteurs from Camunda's groups. */
	static RequestPostProcessor porteur(String id) {
		return user(id).authorities(new SimpleGrantedAuthority("GROUP_porteurs"));
	}

	/** An ARS agent of Occitanie. */
	static RequestPostProcessor agent(String id) {
		return user(id).authorities(new SimpleGrantedAuthority("GROUP_ars"), new SimpleGrantedAuthority("REGION_76"));
	}

	/** A small but real PDF document. */
	public static byte[] pdf() {
		String body = """
				%PDF-1.4
				1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
				2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
				3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >> endobj
				trailer << /Root 1 0 R >>
				%%EOF
				""";
		return body.getBytes(StandardCharsets.ISO_8859_1);
	}

	/** A PNG image (its signature and an IHDR chunk start). */
	static byte[] png() {
		return new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0,
				0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1f, 0x15, (byte) 0xc4, (byte) 0x89 };
	}

	/**
	 * A lettre that can be sent: FIR 30,000 € in two lines; {@code sauf} names the
	 * parameters left out.
	 */
	static MockMultipartHttpServletRequestBuilder lettreValide(String url, String nom, String communes,
			String... sauf) {
		java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
		params.put("nomCpts", nom);
		params.put("communes", communes);
		params.put("besoins", "Trop de patients sans médecin traitant.");
		params.put("professionnels[medecinsGeneralistes]", "12");
		params.put("professionnels[infirmiers]", "20");
		params.put("missionAccesSoins", "true");
		params.put("missionParcours", "true");
		params.put("missionPrevention", "true");
		params.put("missionCrisesSanitaires", "true");
		params.put("objectifs", "Un médecin traitant pour chacun.");
		params.put("actions", "Soins non programmés, parcours diabète.");
		params.put("moyens", "Un coordinateur à mi-temps.");
		params.put("montantFirDemande", "30000");
		params.put("lignesBudget[0].libelle", "Coordination");
		params.put("lignesBudget[0].montant", "20000");
		params.put("lignesBudget[1].libelle", "Système d'information");
		params.put("lignesBudget[1].montant", "10 000,00");
		java.util.List.of(sauf).forEach(params::remove);
		MockMultipartHttpServletRequestBuilder request = multipart(url);
		params.forEach((name, value) -> request.param(name, value));
		return request;
	}

	static MockMultipartFile fichier(String name, byte[] content) {
		return new MockMultipartFile("fichiers", name, "application/pdf", content);
	}

	/**
	 * Sends a valid lettre as this porteur (saved as a draft first, to learn its id);
	 * returns the lettre id.
	 */
	static long envoyer(MockMvc mvc, String porteur, String nom, String communes) throws Exception {
		long id = id(mvc
			.perform(lettreValide("/dossiers/nouveau", nom, communes).param("action", "brouillon")
				.with(porteur(porteur))
				.with(csrf()))
			.andReturn()
			.getResponse()
			.getRedirectedUrl());
		MvcResult result = mvc
			.perform(lettreValide(brouillon(id), nom, communes).param("action", "envoyer")
				.with(porteur(porteur))
				.with(csrf()))
			.andReturn();
		String location = result.getResponse().getRedirectedUrl();
		if (location == null || !location.matches("/dossiers/CPTS-\\d{2,3}-\\d{4}-\\d{4}/recu")) {
			throw new AssertionError(
					"not sent: " + result.getResponse().getStatus() + " " + result.getResponse().getContentAsString());
		}
		return id;
	}

	/** The page of a draft. */
	static String brouillon(long lettreId) {
		return "/dossiers/brouillons/" + lettreId;
	}

	/** The page of a sent dossier: by its reference. */
	static String dossier(JdbcClient jdbc, long lettreId) {
		return "/dossiers/" + reference(jdbc, lettreId);
	}

	/** Saves a draft as this porteur; returns the lettre id. */
	static long brouillon(MockMvc mvc, String porteur, String nom) throws Exception {
		MvcResult result = mvc
			.perform(lettreValide("/dossiers/nouveau", nom, "31555").param("action", "brouillon")
				.with(porteur(porteur))
				.with(csrf()))
			.andReturn();
		return id(result.getResponse().getRedirectedUrl());
	}

	static long id(String location) {
		Matcher matcher = LETTRE_ID.matcher(location);
		if (!matcher.find()) {
			throw new AssertionError("no lettre id in " + location);
		}
		return Long.parseLong(matcher.group(1));
	}

	/** The reference of a sent lettre. */
	static String reference(JdbcClient jdbc, long lettreId) {
		return jdbc
			.sql("select d.reference from dossier d join lettre_intention l on l.dossier_id = d.id where l.id = :id")
			.param("id", lettreId)
			.query(String.class)
			.single();
	}

	/** The id in the dossier table of a sent lettre (never in a URL). */
	static long dossierId(JdbcClient jdbc, long lettreId) {
		return jdbc.sql("select dossier_id from lettre_intention where id = :id")
			.param("id", lettreId)
			.query(Long.class)
			.single();
	}

}
