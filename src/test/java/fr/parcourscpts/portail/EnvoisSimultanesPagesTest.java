package fr.parcourscpts.portail;

import static fr.parcourscpts.portail.PortailFixtures.lettreValide;
import static fr.parcourscpts.portail.PortailFixtures.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.AbuseSuite;

/**
 * Three clicks on "Envoyer la lettre d'intention" at once (three tabs): one dossier, one
 * process; the other requests land on the dossier or on the French conflict page, never
 * on a 500.
 */
@ApplicationTest
class EnvoisSimultanesPagesTest {

	@Autowired
	WebApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RuntimeService runtime;

	@Test
	void threeSendsOfOneLettreAtOnceMakeOneDossierAndNoFault() throws Exception {
		MockMvc mvc = PortailFixtures.mvc(this.context);
		String nom = "CPTS envoyée de trois onglets";
		long id = PortailFixtures.brouillon(mvc, "porteur.76", nom);
		List<Callable<MockHttpServletResponse>> envois = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			envois.add(
					() -> mvc
						.perform(lettreValide(PortailFixtures.brouillon(id), nom, "31555").param("action", "envoyer")
							.with(porteur("porteur.76"))
							.with(csrf()))
						.andReturn()
						.getResponse());
		}
		List<String> issues = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(3);
		try {
			for (Future<MockHttpServletResponse> envoi : pool.invokeAll(envois)) {
				MockHttpServletResponse response = envoi.get();
				issues.add(response.getStatus() + " " + response.getRedirectedUrl());
			}
		}
		finally {
			pool.shutdown();
		}
		String reference = PortailFixtures.reference(this.jdbc, id);
		String dossier = "/dossiers/" + reference;
		boolean refused = issues.stream()
			.allMatch((issue) -> issue.equals("302 " + dossier + "/recu") || issue.equals("302 " + dossier)
					|| issue.startsWith("409"));
		AbuseSuite.attempt("erreurs et en-têtes", "envois simultanés de la même lettre par les pages", refused);
		assertThat(issues).as("one receipt, the others on the dossier or the conflict page")
			.containsOnlyOnce("302 " + dossier + "/recu")
			.allMatch((issue) -> issue.startsWith("302 " + dossier) || issue.startsWith("409"));
		assertThat(this.runtime.createProcessInstanceQuery().processInstanceBusinessKey(reference).count())
			.isEqualTo(1);
	}

}
