package fr.parcourscpts.agents;

import static fr.parcourscpts.agents.DossiersDeTest.agent;
import static fr.parcourscpts.agents.DossiersDeTest.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.portail.PortailFixtures;
import fr.parcourscpts.agents.LigneDossier.Echeance;
import fr.parcourscpts.dossier.DatesLegales;
import fr.parcourscpts.intention.CreationProcess;

/**
 * {@code /agents/statistiques} on a known set of dossiers of region 76, found by a word
 * of their names that no other test uses: seven lettres sent through the portal, three
 * checked complete after 1, 2 and 6 days (the engine's clock moved), one tacitly
 * validated, one implicitly refused by the FIR's silence, one in instruction with a tacit
 * validation in 20 days and one with it in 45 days.
 */
@ApplicationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatistiquesRegionTest {

	private static final RequestPostProcessor GUICHET_76 = agent("guichet.76", "guichet-cpts");

	@Autowired
	private WebApplicationContext context;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private ProcessEngine engine;

	@Autowired
	private StatistiquesRegion statistiques;

	private MockMvc mvc;

	private final String marque = DossiersDeTest.marque();

	private DossiersDeTest dossiers;

	private LocalDate aujourdhui;

	@BeforeAll
	void dossiers() throws Exception {
		this.mvc = PortailFixtures.mvc(this.context);
		this.dossiers = new DossiersDeTest(this.mvc, this.jdbc, this.engine);
		this.aujourdhui = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ListeDossiers.PARIS);
		Date depart = ClockUtil.getCurrentTime();
		try {
			envoyer("Attente");
			for (int jours : new int[] { 1, 2, 6 }) {
				ClockUtil.setCurrentTime(depart);
				String reference = envoyer("Complet" + jours);
				ClockUtil.setCurrentTime(Date.from(depart.toInstant().plus(Duration.ofDays(jours))));
				TaskService tasks = this.engine.getTaskService();
				tasks.complete(tasks.createTaskQuery()
					.processInstanceBusinessKey(reference)
					.taskDefinitionKey(CreationProcess.VERIFIER_COMPLETUDE)
					.singleResult()
					.getId(), Map.of("completude", "complete"));
				this.dossiers.executeMessages(this.dossiers.processInstance(reference));
			}
		}
		finally {
			ClockUtil.reset();
		}
		String tacite = envoyer("Tacite");
		this.dossiers.deplacer(tacite, CreationProcess.INSTRUIRE_PROJET_SANTE, validationTaciteDans(5));
		executerTimer(tacite, CreationProcess.VALIDATION_TACITE_ACQUISE);
		String refus = envoyer("Refus");
		this.dossiers.deplacer(refus, CreationProcess.DECIDER_FINANCEMENT_FIR, Map.of());
		executerTimer(refus, CreationProcess.DELAI_DECISION_FIR_ECOULE);
		this.dossiers.deplacer(envoyer("Bientot"), CreationProcess.INSTRUIRE_PROJET_SANTE, validationTaciteDans(20));
		this.dossiers.deplacer(envoyer("Tard"), CreationProcess.INSTRUIRE_PROJET_SANTE, validationTaciteDans(45));
	}

	private String envoyer(String nom) throws Exception {
		return this.dossiers.envoyer("porteur.76", "CPTS " + this.marque + " " + nom, "31555");
	}

	private void executerTimer(String reference, String activite) {
		String instance = this.dossiers.processInstance(reference);
		Job timer = this.engine.getManagementService()
			.createJobQuery()
			.processInstanceId(instance)
			.activityId(activite)
			.timers()
			.singleResult();
		assertThat(timer).as("timer " + activite).isNotNull();
		// A legal timer may not fire before its term (garde.GardeMoteur): the clock is
		// moved past it.
		ClockUtil.setCurrentTime(Date.from(timer.getDuedate().toInstant().plus(Duration.ofMinutes(1))));
		try {
			this.engine.getManagementService().executeJob(timer.getId());
			this.dossiers.executeMessages(instance);
		}
		finally {
			ClockUtil.reset();
		}
	}

	private Map<String, Object> validationTaciteDans(int jours) {
		Date date = Date.from(this.aujourdhui.plusDays(jours).atTime(12, 0).atZone(ListeDossiers.PARIS).toInstant());
		Date rappel = Date
			.from(this.aujourdhui.plusDays(jours - 5).atTime(12, 0).atZone(ListeDossiers.PARIS).toInstant());
		return Map.of(CreationProcess.DATE_VALIDATION_TACITE, date, CreationProcess.ECHEANCE_VALIDATION_TACITE,
				DatesLegales.finDuJour(this.aujourdhui.plusDays(jours)), CreationProcess.DATE_RAPPEL_VALIDATION_TACITE,
				rappel);
	}

	@Test
	void theFiguresOfAKnownSetOfDossiers() {
		StatistiquesRegion.Statistiques s = this.statistiques.statistiques("76", this.marque);
		assertThat(s.dossiers()).isEqualTo(8);
		assertThat(s.parEtape()).extracting(StatistiquesRegion.ParEtape::etape, StatistiquesRegion.ParEtape::dossiers)
			.containsExactly(tuple(CreationProcess.RENDRE_AVIS_URPS, 3), tuple("donnerAvisCpam", 2),
					tuple("deposerProjetSante", 1), tuple("preparerContrat", 1),
					tuple(CreationProcess.VERIFIER_COMPLETUDE, 1));
		// Only the three completed checks: the tasks cancelled by moving a dossier or by
		// a
		// timer do not count.
		assertThat(s.delais())
			.extracting(StatistiquesRegion.DelaiEtape::activite, StatistiquesRegion.DelaiEtape::taches,
					StatistiquesRegion.DelaiEtape::medianeJours)
			.containsExactly(tuple(CreationProcess.VERIFIER_COMPLETUDE, 3, new BigDecimal("2.0")));
		assertThat(s.validationsTacites()).isEqualTo(1);
		assertThat(s.refusImplicitesFir()).isEqualTo(1);
		// The URPS deadline of the three complete ones (15 days from the check), the
		// tacit
		// validation in 20 days (not the one in 45), the check of the waiting one (15
		// days);
		// the contract to prepare is due in more than 30 days.
		assertThat(s.echeances())
			.isEqualTo(Map.of(Echeance.Type.VALIDATION_TACITE, 1, Echeance.Type.AVIS_URPS, 3, Echeance.Type.TACHE, 1));
		assertThat(s.echeancesTotal()).isEqualTo(5);
	}

	@Test
	void thePageShowsTheChartAndTheSameFiguresAsTables() throws Exception {
		String html = page(GUICHET_76, "q", this.marque);
		assertThat(html).contains("Statistiques de la région Occitanie")
			.contains("8 dossiers")
			.contains("<svg")
			.contains("role=\"img\"")
			.containsPattern("data-etape=\"rendreAvisUrps\"\\s+data-dossiers=\"3\"")
			.contains("Rendre l&#39;avis de l&#39;URPS sur la lettre d&#39;intention")
			.contains("2,0 jours")
			.containsPattern("id=\"validations-tacites\">1<")
			.containsPattern("id=\"refus-implicites\">1<")
			.contains("5 échéances");
		assertThat(html).doesNotContain("??");
	}

	@Test
	void anAgentSeesTheFiguresOfTheirOwnRegionOnly() throws Exception {
		assertThat(page(agent("ars.52", "ars"), "q", this.marque)).contains("Aucun dossier")
			.doesNotContain("data-etape");
		// The region parameter is the national administrator's: an agent keeps theirs.
		assertThat(page(GUICHET_76, "q", this.marque, "region", "52")).contains("région Occitanie")
			.contains("8 dossiers");
		assertThat(page(agent("urps-medecins.76", "urps-medecins"), "q", this.marque)).contains("8 dossiers");
		assertThat(page(agent("admin.76", "administrateurs"), "q", this.marque)).contains("8 dossiers");
	}

	@Test
	void theNationalAdministratorChoosesTheRegion() throws Exception {
		RequestPostProcessor national = agent("admin", "camunda-admin");
		assertThat(page(national)).contains("id=\"choisir-region\"").doesNotContain("data-etape");
		assertThat(page(national, "region", "76", "q", this.marque)).contains("région Occitanie")
			.contains("8 dossiers");
		assertThat(page(national, "region", "52", "q", this.marque)).contains("région Pays de la Loire")
			.contains("Aucun dossier");
	}

	@Test
	void theMedianOfAnEvenNumberOfDurationsIsTheMeanOfTheTwoMiddleOnes() {
		long jour = 86_400_000L;
		assertThat(StatistiquesRegion.medianeEnJours(List.of(6 * jour, jour, 2 * jour, 4 * jour)))
			.isEqualByComparingTo(new BigDecimal("3.0"));
		assertThat(StatistiquesRegion.medianeEnJours(List.of(jour / 4))).isEqualByComparingTo(new BigDecimal("0.3"));
	}

	@Test
	void porteursAreRefused() throws Exception {
		this.mvc.perform(get("/agents/statistiques").with(porteur("porteur.76"))).andExpect(status().isForbidden());
	}

	private String page(RequestPostProcessor user, String... params) throws Exception {
		var request = get("/agents/statistiques");
		for (int i = 0; i < params.length; i += 2) {
			request.param(params[i], params[i + 1]);
		}
		return this.mvc.perform(request.with(user))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString(StandardCharsets.UTF_8);
	}

}
