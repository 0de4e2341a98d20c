package fr.parcourscpts.notification;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InvalidClassException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandlerConfiguration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.persistence.entity.MessageEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;

/**
 * The work a new user task leaves for after the commit (issue 12): the mails to its
 * candidate agents, the receipt it calls for (PDF/A and the porteur's mail) and the
 * porteur's mail of a porteur's task are no longer rendered in the request that created
 * the task (the portal's "Envoyer", an agent completing the previous task), which only
 * records what is to be produced.
 * <p>
 * Why a job of the engine and not an async continuation in the models: every user task of
 * the three models sends these mails, so the model would get an async step before each of
 * them (and every process test a job to run before every task), and the task itself would
 * appear only after its job. Here the task is created in the request, as before, and the
 * request's transaction records two things: a row of {@code production_apres_commit}
 * (what to render, with the values of that moment) and a message job of the engine
 * pointing to it. The engine's job executor does the rest, as it does for the
 * {@code notifier*} service tasks: on either node (the job is locked in the database), in
 * a transaction of its own that writes the mails, the document and deletes the row, so it
 * happens once: a failure rolls it all back and the job is tried again (the engine's 3
 * retries, then an incident in Cockpit); a rolled-back request leaves neither the row nor
 * the job.
 * <p>
 * The job runs after the step, so the task may be gone by then: completed, cancelled by
 * the dossier's abandon, its instance deleted (the job has no execution, so the engine
 * does not delete it with the instance). It then produces only what is still owed: the
 * receipt of a deposit, which the law requires whatever became of the dossier since, and
 * not the mails inviting the agents or the porteur to a task that no longer exists. The
 * row goes in every case.
 * <p>
 * Why Java serialization and not JSON: the row carries process variables whose types the
 * receipt is written from (dates, {@code Long} and {@code Integer}, {@code BigDecimal});
 * JSON would need a typed encoding of each value, which is what serialization already is.
 * The bytes are written by this class only, in the application's own table, and read back
 * through a filter that accepts the two records and the JDK's value classes, within
 * bounds of depth, references and size.
 */
@Service
public class ProductionsApresCommit implements JobHandler<ProductionsApresCommit.Ligne> {

	/** The job handler type, in {@code ACT_RU_JOB.HANDLER_TYPE_}. */
	static final String TYPE = "parcours-production-apres-commit";

	private static final Logger logger = LoggerFactory.getLogger(ProductionsApresCommit.class);

	/**
	 * What a row may hold when read back: the record and the plain values of process
	 * variables (strings, numbers, dates, lists, maps), nothing else.
	 */
	private static final ObjectInputFilter FILTRE = ObjectInputFilter.Config.createFilter(
			"maxdepth=20;maxrefs=100000;maxbytes=10000000;fr.parcourscpts.notification.TacheCreee;fr.parcourscpts.notification.DossierNotified;java.lang.*;java.util.*;java.math.*;java.time.*;java.sql.Timestamp;!*");

	private final JdbcClient jdbc;

	private final ObjectProvider<TacheEnAttenteCourriels> producteur;

	private final ApplicationEventPublisher events;

	ProductionsApresCommit(JdbcClient jdbc, ObjectProvider<TacheEnAttenteCourriels> producteur,
			ApplicationEventPublisher events) {
		this.jdbc = jdbc;
		this.producteur = producteur;
		this.events = events;
	}

	/**
	 * Records what a new task calls for and a job to produce it, in the engine's current
	 * transaction (the one that creates the task).
	 */
	void planifier(TacheCreee tache, String processInstanceId) {
		TacheCreee simple = new TacheCreee(tache.taskId(), tache.nom(), tache.cle(), tache.region(), tache.echeance(),
				tache.groupes(), tache.reference(), tache.creeeLe(), tache.accuse(), valeursSimples(tache.donnees()));
		planifier(simple, tache.reference(), tache.accuse(), tache.region(), tache.taskId(), processInstanceId);
	}

	/**
	 * Records a notification to publish after the commit (a porteur's new task), and a
	 * job to publish it while that task still waits.
	 */
	void planifier(DossierNotified event, String taskId, String processInstanceId) {
		DossierNotified simple = new DossierNotified(event.reference(), event.region(), event.evenement(),
				event.destinataires(), valeursSimples(event.donnees()), event.at());
		planifier(simple, event.reference(), null, event.region(), taskId, processInstanceId);
	}

	private void planifier(Serializable production, String reference, String accuse, String region, String taskId,
			String processInstanceId) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into production_apres_commit (reference, accuse, tache_id, contenu, created_at)
				values (:reference, :accuse, :tache, :contenu, :now)
				""")
			.param("reference", reference)
			.param("accuse", accuse)
			.param("tache", taskId)
			.param("contenu", ecrire(production))
			.param("now", OffsetDateTime.now())
			.update(key, "id");
		MessageEntity job = new MessageEntity();
		job.setJobHandlerType(TYPE);
		job.setJobHandlerConfiguration(new Ligne(key.getKey().longValue()));
		job.setTenantId(region);
		// Shown with the dossier in Cockpit (its jobs, an incident after the last retry);
		// no execution: the task's execution moves on or ends before the job may run.
		job.setProcessInstanceId(processInstanceId);
		CommandContext context = Context.getCommandContext();
		if (context == null) {
			throw new IllegalStateException("Production après commit hors d'une commande du moteur : " + reference);
		}
		context.getJobManager().send(job);
	}

	/** Whether a receipt of this dossier is still being produced. */
	public boolean accuseEnCours(String reference) {
		return this.jdbc
			.sql("select count(*) from production_apres_commit where reference = :reference and accuse is not null")
			.param("reference", reference)
			.query(Long.class)
			.single() > 0;
	}

	@Override
	public String getType() {
		return TYPE;
	}

	@Override
	public void execute(Ligne ligne, ExecutionEntity execution, CommandContext commandContext, String tenantId) {
		Enregistree enregistree = this.jdbc
			.sql("select contenu, tache_id from production_apres_commit where id = :id for update")
			.param("id", ligne.id())
			.query((rs, n) -> new Enregistree(rs.getBytes(1), rs.getString(2)))
			.optional()
			.orElse(null);
		if (enregistree == null) {
			// Only a job that already committed its work deletes the row, in that commit.
			logger.warn("Production {} déjà faite ou supprimée : rien à produire", ligne.id());
			return;
		}
		Object production = lire(enregistree.contenu());
		// The task is read from the row's column; a row written before V53 has none,
		// and only a task's own production then names it in its content.
		String tacheId = (enregistree.tacheId() != null) ? enregistree.tacheId()
				: (production instanceof TacheCreee tache) ? tache.taskId() : null;
		boolean tacheTerminee = tacheId != null && !tacheEnAttente(tacheId, commandContext);
		if (production instanceof TacheCreee tache) {
			if (tacheTerminee) {
				// the receipt is owed for the deposit; the task the agents would be
				// invited to is gone
				logger.info("Production {} : tâche {} terminée, pas de courriel aux agents", ligne.id(), tacheId);
				tache = tache.sansCandidats();
			}
			this.producteur.getObject().produire(tache);
		}
		else if (!tacheTerminee) {
			// Heard synchronously, in this job's transaction (NotificationCourriels).
			this.events.publishEvent((DossierNotified) production);
		}
		else {
			logger.info("Production {} : tâche {} terminée, pas de courriel au porteur", ligne.id(), tacheId);
		}
		this.jdbc.sql("delete from production_apres_commit where id = :id").param("id", ligne.id()).update();
	}

	/**
	 * Whether the task still waits, read in the job's command (no authorization check:
	 * the job executor acts for no one).
	 */
	private static boolean tacheEnAttente(String taskId, CommandContext commandContext) {
		CommandContext context = (commandContext != null) ? commandContext : Context.getCommandContext();
		if (context == null) {
			throw new IllegalStateException("Production après commit hors d'une commande du moteur");
		}
		return context.getTaskManager().findTaskById(taskId) != null;
	}

	@Override
	public Ligne newConfiguration(String canonicalString) {
		return new Ligne(Long.parseLong(canonicalString));
	}

	@Override
	public void onDelete(Ligne ligne, JobEntity jobEntity) {
		// A job deleted by hand (Cockpit, the dossier's instance deleted) produces
		// nothing:
		// the porteur's page no longer waits for it.
		this.jdbc.sql("delete from production_apres_commit where id = :id").param("id", ligne.id()).update();
	}

	/** A row as read back: its content and the task it was recorded for, if known. */
	private record Enregistree(byte[] contenu, String tacheId) {
	}

	/** The job's configuration: the id of its row. */
	record Ligne(long id) implements JobHandlerConfiguration {

		@Override
		public String toCanonicalString() {
			return Long.toString(this.id);
		}

	}

	/**
	 * The plain values of process variables, which the read filter accepts; a value of
	 * another class (a typed JSON of Spin) would make the row unreadable, so it is left
	 * out.
	 */
	private static Map<String, Object> valeursSimples(Map<String, Object> variables) {
		Map<String, Object> donnees = new HashMap<>();
		if (variables == null) {
			return donnees;
		}
		variables.forEach((name, value) -> {
			if (value == null || value instanceof Serializable && value.getClass().getName().startsWith("java.")) {
				donnees.put(name, value);
			}
			else {
				logger.warn("Variable {} ({}) non reprise dans la production après commit", name, value.getClass());
			}
		});
		return donnees;
	}

	private static byte[] ecrire(Serializable production) {
		try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
				ObjectOutputStream out = new ObjectOutputStream(bytes)) {
			out.writeObject(production);
			out.flush();
			return bytes.toByteArray();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Production impossible à enregistrer", ex);
		}
	}

	private static Object lire(byte[] contenu) {
		try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(contenu))) {
			in.setObjectInputFilter(FILTRE);
			return in.readObject();
		}
		catch (InvalidClassException ex) {
			throw new IllegalStateException("Production illisible (classe refusée)", ex);
		}
		catch (IOException | ClassNotFoundException ex) {
			throw new IllegalStateException("Production illisible", ex);
		}
	}

}
