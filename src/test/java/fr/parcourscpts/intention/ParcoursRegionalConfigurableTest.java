package fr.parcourscpts.intention;

import static fr.parcourscpts.ProcessTestEngine.CONFIGURATION;

import java.util.HashMap;
import java.util.Map;

import org.assertj.core.api.Assertions;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.Deployment;
import org.camunda.bpm.engine.test.mock.Mocks;
import org.camunda.community.process_test_coverage.junit5.platform7.ProcessEngineCoverageExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import fr.parcourscpts.dossier.DecisionRecorder;
import fr.parcourscpts.notification.RecordingNotifier;
import fr.parcourscpts.territoire.ParcoursRegionaux;

import static fr.parcourscpts.intention.CreationProcess.*;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.*;

/**
 * A region's path changes with its configuration alone: the same model and the same code,
 * deployed with a decision {@code parcours-regional} where Auvergne-Rhône-Alpes (84) has
 * a Guichet CPTS and the ten URPS opinions, take that path for a dossier of 84.
 */
@Deployment(resources = { "bpmn/cpts-creation.bpmn", "bpmn/consolidation-avis-urps.dmn",
		"parcours/parcours-regional-84-guichet.dmn", "stubs/contrat-aci-stub.bpmn", "forms/verifierCompletude.form",
		"forms/rendreAvisUrps.form", "forms/transmettreAvisArs.form", "forms/deciderFinancementFir.form",
		"forms/donnerAvisCpam.form", "forms/deciderProjetSante.form" })
class ParcoursRegionalConfigurableTest {

	@RegisterExtension
	static ProcessEngineCoverageExtension extension = ProcessEngineCoverageExtension.builder(CONFIGURATION).build();

	private final DelaisCreation delais = new DelaisCreation();

	@BeforeEach
	void registerBeans() {
		init(extension.getProcessEngine());
		Mocks.register("notifier", new RecordingNotifier());
		Mocks.register("decisionRecorder", new DecisionRecorder());
		Mocks.register("delaisCreation", this.delais);
		Mocks.register("avisUrpsCollecteur", new AvisUrpsCollecteur());
		Mocks.register("comptageAvisUrps", new ComptageAvisUrps());
		Mocks.register("controleDecisions", new ControleDecisions());
	}

	@AfterEach
	void reset() {
		Mocks.reset();
	}

	@Test
	void aRegionGivenAGuichetInItsConfigurationTakesTheGuichetPath() {
		Map<String, Object> lettre = new HashMap<>();
		lettre.put(REFERENCE, "CPTS-84-2026-0001");
		lettre.put(REGION, "84");
		lettre.put(DEPARTEMENT, "69");
		lettre.put(NOM_CPTS, "CPTS des Monts du Lyonnais");
		lettre.put(PORTEUR, "porteur.84");
		lettre.put(POPULATION, 41000L);
		lettre.put(TAILLE_CPTS, 2);
		lettre.put(COMMUNES, "69001");
		ProcessInstance pi = runtimeService().startProcessInstanceByKey(PROCESS_ID, "CPTS-84-2026-0001", lettre);

		assertThat(task(pi)).hasCandidateGroup("guichet-cpts");
		complete(task(pi), withVariables(COMPLETUDE, "complete"));
		Assertions.assertThat(taskQuery().processInstanceId(pi.getId()).taskDefinitionKey(RENDRE_AVIS_URPS).count())
			.isEqualTo(10);
	}

	@Test
	void theServiceReadsTheSameConfiguration() {
		Assertions.assertThat(ParcoursRegionaux.fromModelFile().deRegion("84").parLeGuichet()).isFalse();
		var modifie = ParcoursRegionaux.fromModelFile("parcours/parcours-regional-84-guichet.dmn").deRegion("84");
		Assertions.assertThat(modifie.parLeGuichet()).isTrue();
		Assertions.assertThat(modifie.structure("guichet-cpts"))
			.hasValueSatisfying((structure) -> Assertions.assertThat(structure.nom())
				.isEqualTo("Guichet CPTS Auvergne-Rhône-Alpes"));
	}

}
