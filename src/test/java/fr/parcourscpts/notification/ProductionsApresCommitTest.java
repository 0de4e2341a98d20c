package fr.parcourscpts.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.dossier.DossierMembers;
import fr.parcourscpts.intention.CreationProcess;

/**
 * The mails and the receipt of a new task are rendered by a job after the commit of the
 * step that created the task, once: not in that step, not twice after a failure, not at
 * all after a rollback; and only what is still owed when the job runs: the receipt of a
 * deposit always, the invitation to a task only while it waits.
 */
@ApplicationTest
class ProductionsApresCommitTest {

	@Autowired
	ProcessEngine engine;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DossierMembers members;

	@Autowired
	ProductionsApresCommit productions;

	@Autowired
	PlatformTransactionManager transactionManager;

	@BeforeEach
	void setUp() {
		new CourrielsFixtures(this.jdbc, this.members).emptyOutbox();
	}

	@Test
	void theStepThatCreatesTheTaskRendersNothingItsJobRendersTheMailsAndTheReceipt() {
		String reference = "CPTS-32-2026-8101";
		String instance = lettreEnvoyee(reference);

		assertThat(this.engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference).count())
			.as("the task itself is created by the step")
			.isEqualTo(1);
		assertThat(mails(reference)).as("no mail rendered by the step").isEmpty();
		assertThat(documents(reference)).as("no receipt rendered by the step").isZero();
		assertThat(this.productions.accuseEnCours(reference)).isTrue();

		assertThat(ProductionsEnAttente.executer(this.engine, instance)).isEqualTo(1);

		assertThat(mails(reference)).containsExactlyInAnyOrder("ars.32@demo.parcours-cpts.fr:tacheEnAttente",
				"porteur.32@demo.parcours-cpts.fr:lettreIntentionRecue");
		assertThat(documents(reference)).isEqualTo(1);
		assertThat(this.productions.accuseEnCours(reference)).isFalse();
		assertThat(ProductionsEnAttente.jobs(this.engine, instance)).isEmpty();
	}

	@Test
	void aFailureWhileRenderingIsRetriedAndGivesOneReceiptAndOneSetOfMails() {
		String reference = "CPTS-32-2026-8102";
		List<Job> jobs = ProductionsEnAttente.jobs(this.engine, lettreEnvoyee(reference));
		assertThat(jobs).hasSize(1);
		Job job = jobs.get(0);

		// The receipt cannot be stored: the job fails after it recorded the agent's mail.
		this.jdbc.sql("alter table document rename to document_indisponible").update();
		try {
			assertThatThrownBy(() -> this.engine.getManagementService().executeJob(job.getId()))
				.hasStackTraceContaining("insert into document");
		}
		finally {
			this.jdbc.sql("alter table document_indisponible rename to document").update();
		}
		assertThat(mails(reference)).as("the failed attempt left nothing").isEmpty();
		assertThat(documents(reference)).isZero();
		Job retry = this.engine.getManagementService().createJobQuery().jobId(job.getId()).singleResult();
		assertThat(retry.getRetries()).as("the engine tries again").isEqualTo(2);
		assertThat(retry.getExceptionMessage()).isNotBlank();
		assertThat(this.productions.accuseEnCours(reference)).isTrue();

		this.engine.getManagementService().executeJob(job.getId());

		assertThat(mails(reference)).containsExactlyInAnyOrder("ars.32@demo.parcours-cpts.fr:tacheEnAttente",
				"porteur.32@demo.parcours-cpts.fr:lettreIntentionRecue");
		assertThat(documents(reference)).isEqualTo(1);
	}

	@Test
	void aProductionRunAgainAfterItsCommitProducesNothingMore() {
		String reference = "CPTS-32-2026-8103";
		String instance = lettreEnvoyee(reference);
		long ligne = this.jdbc.sql("select id from production_apres_commit where reference = :r")
			.param("r", reference)
			.query(Long.class)
			.single();
		assertThat(ProductionsEnAttente.executer(this.engine, instance)).isEqualTo(1);

		// As a second node would, had the first one's lock expired while it worked.
		new TransactionTemplate(this.transactionManager).executeWithoutResult(
				(status) -> this.productions.execute(new ProductionsApresCommit.Ligne(ligne), null, null, "32"));

		assertThat(mails(reference)).hasSize(2);
		assertThat(documents(reference)).isEqualTo(1);
	}

	@Test
	void aRolledBackStepLeavesNothingToProduce() {
		String reference = "CPTS-32-2026-8104";
		String instance = new TransactionTemplate(this.transactionManager).execute((status) -> {
			String id = lettreEnvoyee(reference);
			status.setRollbackOnly();
			return id;
		});

		assertThat(lignes(reference)).isZero();
		assertThat(ProductionsEnAttente.jobs(this.engine, instance)).isEmpty();
		assertThat(this.engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instance).count())
			.isZero();
		assertThat(mails(reference)).isEmpty();
		assertThat(documents(reference)).isZero();
	}

	@Test
	void aLettreAbandonedBeforeItsJobRanGetsItsReceiptButInvitesNoAgent() {
		String reference = "CPTS-32-2026-8105";
		String instance = lettreEnvoyee(reference);
		this.engine.getRuntimeService()
			.createMessageCorrelation(CreationProcess.MESSAGE_ABANDON)
			.processInstanceBusinessKey(reference)
			.correlate();
		assertThat(this.engine.getTaskService().createTaskQuery().processInstanceBusinessKey(reference).count())
			.as("the abandon cancelled the Guichet's task")
			.isZero();

		assertThat(ProductionsEnAttente.executer(this.engine, instance)).isEqualTo(1);

		assertThat(mails(reference)).as("the receipt of the deposit is owed, the agents' task is gone")
			.containsExactly("porteur.32@demo.parcours-cpts.fr:lettreIntentionRecue");
		assertThat(documents(reference)).isEqualTo(1);
		assertThat(lignes(reference)).isZero();
	}

	@Test
	void aTaskCompletedBeforeItsJobRanGetsItsReceiptButInvitesNoAgentToIt() {
		String reference = "CPTS-32-2026-8106";
		String instance = lettreEnvoyee(reference);
		Job job = ProductionsEnAttente.jobs(this.engine, instance).get(0);
		long ligne = ligne(reference);
		// A quick agent: the Guichet answers before the job executor took the job.
		this.engine.getTaskService()
			.complete(this.engine.getTaskService()
				.createTaskQuery()
				.processInstanceId(instance)
				.taskDefinitionKey(CreationProcess.VERIFIER_COMPLETUDE)
				.singleResult()
				.getId(), Map.of("completude", "corrections", "motifCompletude", "Ajoutez Blagnac."));

		this.engine.getManagementService().executeJob(job.getId());

		assertThat(mails(reference)).containsExactly("porteur.32@demo.parcours-cpts.fr:lettreIntentionRecue");
		assertThat(documents(reference)).isEqualTo(1);
		assertThat(this.jdbc.sql("select count(*) from production_apres_commit where id = :id")
			.param("id", ligne)
			.query(Long.class)
			.single()).isZero();
	}

	@Test
	void aDeletedInstanceStillGetsTheReceiptOfItsLettreButInvitesNoAgent() {
		String reference = "CPTS-32-2026-8107";
		String instance = lettreEnvoyee(reference);
		Job job = ProductionsEnAttente.jobs(this.engine, instance).get(0);

		this.engine.getRuntimeService().deleteProcessInstance(instance, "supprimé depuis Cockpit");

		assertThat(this.engine.getManagementService().createJobQuery().jobId(job.getId()).count())
			.as("the job has no execution: it outlives the instance")
			.isEqualTo(1);
		this.engine.getManagementService().executeJob(job.getId());

		assertThat(mails(reference)).containsExactly("porteur.32@demo.parcours-cpts.fr:lettreIntentionRecue");
		assertThat(documents(reference)).isEqualTo(1);
		assertThat(lignes(reference)).isZero();
	}

	@Test
	void aPorteurTaskGoneBeforeItsJobRanMailsNoPorteurWhileAnOpenOneDoes() {
		String ouverte = "CPTS-32-2026-8108";
		String abandonnee = "CPTS-32-2026-8109";
		String instanceOuverte = lettreACorriger(ouverte);
		String instanceAbandonnee = lettreACorriger(abandonnee);
		this.engine.getRuntimeService()
			.createMessageCorrelation(CreationProcess.MESSAGE_ABANDON)
			.processInstanceBusinessKey(abandonnee)
			.correlate();

		assertThat(ProductionsEnAttente.executer(this.engine, instanceOuverte)).isEqualTo(1);
		assertThat(ProductionsEnAttente.executer(this.engine, instanceAbandonnee)).isEqualTo(1);

		assertThat(mails(ouverte)).containsExactly("porteur.32@demo.parcours-cpts.fr:lettreACorriger");
		assertThat(mails(abandonnee)).as("no invitation to a task cancelled by the abandon").isEmpty();
		assertThat(lignes(ouverte)).isZero();
		assertThat(lignes(abandonnee)).isZero();
	}

	@Test
	void aRowWrittenBeforeTheTaskWasRecordedIsStillReadAndPublished() throws Exception {
		String reference = "CPTS-32-2026-8110";
		new CourrielsFixtures(this.jdbc, this.members).dossier(reference, "32", "porteur.32");
		// As the V52 rows were written: the serialized event, no tache_id.
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(new DossierNotified(reference, "32", TachePorteurCourriels.TACHE_EN_ATTENTE, "porteur",
					new HashMap<>(Map.of(TachePorteurCourriels.TACHE, "Corriger la lettre d'intention")),
					Instant.now()));
		}
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into production_apres_commit (reference, contenu, created_at)
				values (:reference, :contenu, :now)""")
			.param("reference", reference)
			.param("contenu", bytes.toByteArray())
			.param("now", OffsetDateTime.now())
			.update(key, "id");

		new TransactionTemplate(this.transactionManager).executeWithoutResult((status) -> this.productions
			.execute(new ProductionsApresCommit.Ligne(key.getKey().longValue()), null, null, "32"));

		assertThat(mails(reference)).containsExactly("porteur.32@demo.parcours-cpts.fr:tachePorteurEnAttente");
		assertThat(lignes(reference)).isZero();
	}

	/** A porteur's task, the lettre sent back for corrections, its mail not yet sent. */
	private String lettreACorriger(String reference) {
		new CourrielsFixtures(this.jdbc, this.members).dossier(reference, "32", "porteur.32");
		return this.engine.getRuntimeService()
			.createProcessInstanceByKey("cpts-creation")
			.businessKey(reference)
			.setVariables(Map.of("reference", reference, "region", "32", "porteur", "porteur.32", "nomCpts",
					"CPTS de l'Avesnois", "population", 52000L, "communes", "59036", "motifCompletude",
					"Ajoutez Maubeuge."))
			.startBeforeActivity("corrigerLettreIntention")
			.execute()
			.getId();
	}

	private long lignes(String reference) {
		return compter("production_apres_commit", reference);
	}

	private long ligne(String reference) {
		return this.jdbc.sql("select id from production_apres_commit where reference = :r")
			.param("r", reference)
			.query(Long.class)
			.single();
	}

	/** What "Envoyer" starts: in Hauts-de-France the ARS verifies the lettre. */
	private String lettreEnvoyee(String reference) {
		new CourrielsFixtures(this.jdbc, this.members).dossier(reference, "32", "porteur.32");
		return this.engine.getRuntimeService()
			.startProcessInstanceByKey("cpts-creation", reference,
					Map.of("reference", reference, "region", "32", "porteur", "porteur.32", "nomCpts",
							"CPTS de l'Avesnois", "population", 52000L, "communes", "59036"))
			.getId();
	}

	private List<String> mails(String reference) {
		return this.jdbc.sql("select destinataires, modele from courriel where reference = :r")
			.param("r", reference)
			.query((rs, n) -> rs.getString(1) + ":" + rs.getString(2))
			.list();
	}

	private long documents(String reference) {
		return compter("document", reference);
	}

	private long compter(String table, String reference) {
		return this.jdbc.sql("select count(*) from " + table + " where reference = :r")
			.param("r", reference)
			.query(Long.class)
			.single();
	}

}
