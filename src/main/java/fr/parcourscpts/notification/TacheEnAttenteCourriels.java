package fr.parcourscpts.notification;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLink;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import fr.parcourscpts.dossier.Dossiers.Dossier;
import fr.parcourscpts.identity.Region;
import fr.parcourscpts.intention.CreationProcess;
import fr.parcourscpts.notification.Destinataires.Destinataire;

/**
 * Two things happen when a user task is created (Camunda's Spring event bridge,
 * {@code camunda.bpm.eventing.task}, on by default, publishes each {@link DelegateTask}
 * synchronously inside the engine's transaction). Both are rendered after that
 * transaction's commit, by a job ({@link ProductionsApresCommit}): the transaction only
 * records what is to be produced.
 * <ul>
 * <li>the agents of each candidate group of the task, in the task's region, are told a
 * task waits for them (or it goes to their daily digest);</li>
 * <li>the tasks that open the instruction of a deposit mark its receipt, which the law
 * requires to be acknowledged: {@code verifierCompletude} (the lettre d'intention reached
 * the Guichet), {@code deciderFinancementFir} (the FIR request reached the ARS: its
 * silence-means-rejection clock starts, due date of the task) and {@code donnerAvisCpam}
 * (the projet de santé was deposited: {@code dateValidationTacite} is set). Each
 * publishes a {@link DossierNotified} for the porteur, which issues the receipt.</li>
 * </ul>
 */
@Component
class TacheEnAttenteCourriels {

	static final String LETTRE_INTENTION_RECUE = "lettreIntentionRecue";

	static final String DEMANDE_FIR_RECUE = "demandeFirRecue";

	static final String PROJET_SANTE_RECU = "projetSanteRecu";

	/** The variable the FIR receipt carries: the date on which silence is a rejection. */
	static final String DATE_REFUS_IMPLICITE = "dateRefusImplicite";

	private static final Map<String, String> RECEIPTS = Map.of(CreationProcess.VERIFIER_COMPLETUDE,
			LETTRE_INTENTION_RECUE, CreationProcess.DECIDER_FINANCEMENT_FIR, DEMANDE_FIR_RECUE,
			CreationProcess.DONNER_AVIS_CPAM, PROJET_SANTE_RECU);

	private final Destinataires destinataires;

	private final MailOutbox outbox;

	private final ResumeQuotidien resumes;

	private final PreferencesCourriel preferences;

	private final MessageSource messages;

	private final ApplicationEventPublisher events;

	private final ProductionsApresCommit productions;

	private final String publicUrl;

	TacheEnAttenteCourriels(Destinataires destinataires, MailOutbox outbox, ResumeQuotidien resumes,
			PreferencesCourriel preferences, MessageSource messages, ApplicationEventPublisher events,
			ProductionsApresCommit productions, @Value("${parcours.public-url}") String publicUrl) {
		this.productions = productions;
		this.destinataires = destinataires;
		this.outbox = outbox;
		this.resumes = resumes;
		this.preferences = preferences;
		this.messages = messages;
		this.events = events;
		this.publicUrl = publicUrl;
	}

	@EventListener
	void on(DelegateTask task) {
		if (!TaskListener.EVENTNAME_CREATE.equals(task.getEventName())) {
			return;
		}
		String reference = (task.getExecution() != null) ? task.getExecution().getProcessBusinessKey() : null;
		List<String> groups = task.getCandidates()
			.stream()
			.map(IdentityLink::getGroupId)
			.filter((group) -> group != null)
			.distinct()
			.toList();
		String receipt = (reference != null && task.getExecution() != null) ? RECEIPTS.get(task.getTaskDefinitionKey())
				: null;
		if (groups.isEmpty() && receipt == null) {
			return;
		}
		Map<String, Object> donnees = new HashMap<>();
		if (receipt != null) {
			donnees.putAll(task.getExecution().getVariables());
			if (task.getDueDate() != null) {
				donnees.put(DATE_REFUS_IMPLICITE, task.getDueDate());
			}
		}
		// Rendered by a job after the request's commit, from the values of now.
		this.productions.planifier(
				new TacheCreee(task.getId(), task.getName(), task.getTaskDefinitionKey(), task.getTenantId(),
						task.getDueDate(), groups, reference, ClockUtil.getCurrentTime(), receipt, donnees),
				task.getProcessInstanceId());
	}

	/**
	 * Renders and records what a new task calls for, in the transaction of the job of
	 * {@link ProductionsApresCommit}: the mails to its candidate agents, then its receipt
	 * (a {@link DossierNotified}, heard synchronously: its PDF and the porteur's mail).
	 */
	void produire(TacheCreee tache) {
		mailCandidateGroups(tache);
		if (tache.accuse() != null) {
			this.events.publishEvent(new DossierNotified(tache.reference(), tache.region(), tache.accuse(), "porteur",
					new HashMap<>(tache.donnees()), tache.creeeLe().toInstant()));
		}
	}

	private void mailCandidateGroups(TacheCreee task) {
		if (task.groupes().isEmpty()) {
			return;
		}
		String reference = task.reference();
		Optional<Dossier> dossier = this.destinataires.dossier(reference);
		String nomCpts = dossier.map(Dossier::nomCpts).orElse("");
		String ref = (reference != null) ? reference : "";
		String subject = this.messages.getMessage("notification.tacheEnAttente.sujet", new Object[] { ref, task.nom() },
				Locale.FRANCE);
		// The dossier's agent page first (what the task is about, in full), then the task
		// itself in Tasklist.
		String tasklist = this.publicUrl + LiensAgents.tache(task.taskId());
		String link = (reference != null) ? this.publicUrl + LiensAgents.dossier(reference) : tasklist;
		// The body names no agent: one rendering for all of them, a mail each.
		Map<String, Object> model = new HashMap<>();
		model.put("reference", ref);
		model.put("nomCpts", nomCpts);
		model.put("region", Region.ofCode(task.region()).map(Region::label).orElse(""));
		model.put("tache", (task.nom() != null) ? task.nom() : task.cle());
		model.put("lien", link);
		model.put("lienTache", tasklist);
		model.put("agent", true);
		model.put("creeeLe", task.creeeLe());
		if (task.echeance() != null) {
			model.put("echeance", task.echeance());
		}
		List<String> addresses = new ArrayList<>();
		for (String group : task.groupes()) {
			for (Destinataire agent : this.destinataires.agents(group, task.region())) {
				if (this.preferences.modeOf(agent.userId()) == PreferencesCourriel.Mode.QUOTIDIEN) {
					this.resumes.add(agent.userId(), agent.email(), reference, subject, link);
					continue;
				}
				addresses.add(agent.email());
			}
		}
		if (!addresses.isEmpty()) {
			this.outbox.enqueueEach(new OutgoingMail(addresses, subject, "tacheEnAttente", model, List.of()), reference,
					task.region());
		}
	}

}
