package fr.parcourscpts.agents;

import static fr.parcourscpts.agents.DossiersDeTest.agent;
import static fr.parcourscpts.agents.DossiersDeTest.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.portail.PortailFixtures;
import fr.parcourscpts.intention.CreationProcess;
import fr.parcourscpts.system.AbuseSuite;

/**
 * {@code /agents}: the region rule, the institution's part, each filter, the search, the
 * order, the pages, the deadline that matters, and the exports read back. Five dossiers
 * sent through the portal and moved in the engine, found by a word of their names that no
 * other test uses.
 */
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MesDossiersTest {

	private static final Pattern REFERENCE = Pattern.compile("data-reference=\"([^\"]+)\"");

	private static final DateTimeFormatter JOUR = DateTimeFormatter.ofPattern("dd/MM/yyyy");

	private static final RequestPostProcessor GUICHET_76 = agent("guichet.76", "guichet-cpts");

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ProcessEngine engine;

	private MockMvc mvc;

	private final String marque = DossiersDeTest.marque();

	/** At verifierCompletude, département 31. */
	private String alpha;

	/** At the URPS opinions, département 34 (Montpellier). */
	private String bravo;

	/** At the instruction, tacit validation in 40 days. */
	private String charlie;

	/** At the instruction, tacit validation in 10 days. */
	private String delta;

	/** Pays de la Loire, at the ARS's FIR decision. */
	private String echo;

	private LocalDate aujourdhui;

	@BeforeAll
	void dossiers() throws Exception {
		this.mvc = PortailFixtures.mvc(this.context);
		DossiersDeTest dossiers = new DossiersDeTest(this.mvc, this.jdbc, this.engine);
		this.aujourdhui = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ListeDossiers.PARIS);
		this.alpha = dossiers.envoyer("porteur.76", "CPTS " + this.marque + " Alpha", "31555");
		this.bravo = dossiers.envoyer("porteur.76", "CPTS " + this.marque + " Bravo", "34172");
		dossiers.deplacer(this.bravo, CreationProcess.RECUEILLIR_AVIS_URPS + "#multiInstanceBody", Map.of());
		this.charlie = dossiers.envoyer("porteur.76", "CPTS " + this.marque + " Charlie", "31555");
		dossiers.deplacer(this.charlie, CreationProcess.INSTRUIRE_PROJET_SANTE, validationTaciteDans(40));
		this.delta = dossiers.envoyer("porteur.76", "CPTS " + this.marque + " Delta", "31555");
		dossiers.deplacer(this.delta, CreationProcess.INSTRUIRE_PROJET_SANTE, validationTaciteDans(10));
		this.echo = dossiers.envoyer("porteur.52", "CPTS " + this.marque + " Echo", "44109");
		dossiers.deplacer(this.echo, CreationProcess.DECIDER_FINANCEMENT_FIR, Map.of());
	}

	private Map<String, Object> validationTaciteDans(int jours) {
		Date date = Date.from(this.aujourdhui.plusDays(jours).atTime(12, 0).atZone(ListeDossiers.PARIS).toInstant());
		Date rappel = Date
			.from(this.aujourdhui.plusDays(jours - 5).atTime(12, 0).atZone(ListeDossiers.PARIS).toInstant());
		return Map.of(CreationProcess.DATE_VALIDATION_TACITE, date, CreationProcess.ECHEANCE_VALIDATION_TACITE,
				fr.parcourscpts.dossier.DatesLegales.finDuJour(this.aujourdhui.plusDays(jours)),
				CreationProcess.DATE_RAPPEL_VALIDATION_TACITE, rappel);
	}

	@Test
	void anAgentSeesOnlyTheDossiersOfTheirRegion() throws Exception {
		assertThat(references(GUICHET_76, "q", this.marque)).containsExactlyInAnyOrder(this.alpha, this.bravo,
				this.charlie, this.delta);
		List<String> parReference = references(GUICHET_76, "q", this.echo);
		String csv = new String(exporter("csv", GUICHET_76, "q", this.echo), StandardCharsets.UTF_8);
		boolean refused = parReference.isEmpty() && !csv.contains(this.echo);
		AbuseSuite.attempt("espace agents",
				"un agent du Guichet de la région 76 cherche un dossier de la région 52 par sa référence, dans la liste et l'export",
				refused);
		assertThat(refused).isTrue();
		assertThat(references(agent("ars.76", "ars"), "q", this.echo)).isEmpty();
		assertThat(references(agent("ars.52", "ars"), "q", this.marque)).containsExactly(this.echo);
	}

	@Test
	void aRegionalAdministratorSeesEveryDossierOfTheRegion() throws Exception {
		assertThat(references(agent("admin.76", "administrateurs"), "q", this.marque))
			.containsExactlyInAnyOrder(this.alpha, this.bravo, this.charlie, this.delta);
	}

	@Test
	void anUrpsSeesTheDossiersWhereItHasAPart() throws Exception {
		RequestPostProcessor urps = agent("urps-medecins.76", "urps-medecins");
		assertThat(references(urps, "q", this.marque)).containsExactly(this.bravo);
		assertThat(references(urps, "q", this.marque, "aTraiter", "true")).containsExactly(this.bravo);
		assertThat(page(urps, "q", this.marque)).contains("Fin du délai d&#39;avis des URPS");
	}

	@Test
	void theStepFilterKeepsTheDossiersAtThatStep() throws Exception {
		assertThat(references(GUICHET_76, "q", this.marque, "etape", CreationProcess.VERIFIER_COMPLETUDE))
			.containsExactly(this.alpha);
		assertThat(references(GUICHET_76, "q", this.marque, "etape", "donnerAvisCpam"))
			.containsExactlyInAnyOrder(this.charlie, this.delta);
	}

	@Test
	void toBeDoneByMyInstitutionKeepsTheDossiersWithATaskOfferedToIt() throws Exception {
		assertThat(references(GUICHET_76, "q", this.marque, "aTraiter", "true")).containsExactly(this.alpha);
		assertThat(references(agent("cpam.76", "cpam"), "q", this.marque, "aTraiter", "true"))
			.containsExactlyInAnyOrder(this.charlie, this.delta);
	}

	@Test
	void deadlineInFifteenDaysKeepsTheDossiersDueSoon() throws Exception {
		List<String> proches = references(GUICHET_76, "q", this.marque, "echeanceProche", "true");
		assertThat(proches).contains(this.delta).doesNotContain(this.charlie);
	}

	@Test
	void theDepartementFilterKeepsTheDossiersOfThatDepartement() throws Exception {
		assertThat(references(GUICHET_76, "q", this.marque, "departement", "34")).containsExactly(this.bravo);
		assertThat(references(GUICHET_76, "q", this.marque, "departement", "31")).containsExactlyInAnyOrder(this.alpha,
				this.charlie, this.delta);
	}

	@Test
	void theSearchFindsByReferenceByNameAndByCommune() throws Exception {
		assertThat(references(GUICHET_76, "q", this.charlie)).containsExactly(this.charlie);
		assertThat(references(GUICHET_76, "q", (this.marque + " bravo").toUpperCase())).containsExactly(this.bravo);
		assertThat(references(GUICHET_76, "q", "Montpellier")).contains(this.bravo).doesNotContain(this.alpha);
		assertThat(references(GUICHET_76, "q", "34172")).contains(this.bravo).doesNotContain(this.alpha);
	}

	@Test
	void theListIsSortedAndPaged() throws Exception {
		List<String> attendues = new ArrayList<>(List.of(this.alpha, this.bravo, this.charlie, this.delta));
		attendues.sort(null);
		List<String> pages = new ArrayList<>();
		pages.addAll(references(GUICHET_76, "q", this.marque, "tri", "reference", "taille", "3"));
		pages.addAll(references(GUICHET_76, "q", this.marque, "tri", "reference", "taille", "3", "page", "2"));
		assertThat(pages).containsExactlyElementsOf(attendues);
		assertThat(page(GUICHET_76, "q", this.marque, "tri", "reference", "taille", "3")).contains("Page 1 sur 2");
		List<String> descendant = references(GUICHET_76, "q", this.marque, "tri", "reference", "ordre", "desc");
		List<String> inverse = new ArrayList<>(attendues);
		java.util.Collections.reverse(inverse);
		assertThat(descendant).containsExactlyElementsOf(inverse);
		assertThat(references(GUICHET_76, "q", this.marque, "tri", "nom")).containsExactly(this.alpha, this.bravo,
				this.charlie, this.delta);
		assertThat(references(GUICHET_76, "q", this.marque, "tri", "echeance").indexOf(this.delta))
			.isLessThan(references(GUICHET_76, "q", this.marque, "tri", "echeance").indexOf(this.charlie));
	}

	@Test
	void aDossierAtTacitValidationShowsItsDateAndTheDaysLeft() throws Exception {
		String html = page(GUICHET_76, "q", this.charlie);
		assertThat(html).contains(this.aujourdhui.plusDays(40).format(JOUR))
			.contains("Validation tacite du projet de santé")
			.contains("40 jours");
		assertThat(page(agent("ars.52", "ars"), "q", this.echo)).contains("Refus implicite du FIR")
			.contains("Agence Régionale de Santé");
	}

	@Test
	void theCsvExportHoldsTheRowsOfThePage() throws Exception {
		List<String> lignes = references(GUICHET_76, "q", this.marque);
		byte[] csv = exporter("csv", GUICHET_76, "q", this.marque);
		assertThat(Arrays.copyOf(csv, 3)).containsExactly(0xEF, 0xBB, 0xBF);
		Reader reader = new InputStreamReader(new ByteArrayInputStream(csv, 3, csv.length - 3), StandardCharsets.UTF_8);
		CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setHeader().setSkipHeaderRecord(true).get();
		try (CSVParser parser = CSVParser.parse(reader, format)) {
			List<CSVRecord> records = parser.getRecords();
			assertThat(records.stream().map((r) -> r.get("Référence")).toList()).containsExactlyElementsOf(lignes);
			CSVRecord c = records.stream()
				.filter((r) -> r.get("Référence").equals(this.charlie))
				.findFirst()
				.orElseThrow();
			assertThat(c.get("Jours restants")).isEqualTo("40");
			assertThat(c.get("Validation tacite au")).isEqualTo(this.aujourdhui.plusDays(40).format(JOUR));
			assertThat(c.get("Département")).isEqualTo("31");
		}
	}

	@Test
	void theXlsxExportHoldsTheRowsOfThePage() throws Exception {
		List<String> lignes = references(GUICHET_76, "q", this.marque, "tri", "nom");
		byte[] xlsx = exporter("xlsx", GUICHET_76, "q", this.marque, "tri", "nom");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Référence");
			List<String> references = new ArrayList<>();
			for (int i = 1; i <= sheet.getLastRowNum(); i++) {
				Row row = sheet.getRow(i);
				references.add(row.getCell(0).getStringCellValue());
			}
			assertThat(references).containsExactlyElementsOf(lignes);
		}
	}

	@Test
	void porteursAreRefused() throws Exception {
		for (String url : List.of("/agents", "/agents/export.csv", "/agents/export.xlsx")) {
			this.mvc.perform(get(url).with(porteur("porteur.76"))).andExpect(status().isForbidden());
		}
	}

	private List<String> references(RequestPostProcessor user, String... params) throws Exception {
		Matcher matcher = REFERENCE.matcher(page(user, params));
		List<String> references = new ArrayList<>();
		while (matcher.find()) {
			references.add(matcher.group(1));
		}
		return references;
	}

	private String page(RequestPostProcessor user, String... params) throws Exception {
		return this.mvc.perform(withParams(get("/agents"), params).with(user))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

	private byte[] exporter(String extension, RequestPostProcessor user, String... params) throws Exception {
		return this.mvc.perform(withParams(get("/agents/export." + extension), params).with(user))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
	}

	private static MockHttpServletRequestBuilder withParams(MockHttpServletRequestBuilder request, String... params) {
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return request;
	}

}
