package fr.parcourscpts.notification;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

import fr.parcourscpts.documents.DocumentOfficiel;
import fr.parcourscpts.documents.DocumentsOfficiels;
import fr.parcourscpts.dossier.Dossiers.Dossier;
import fr.parcourscpts.identity.Region;
import fr.parcourscpts.territoire.ParcoursRegional;
import fr.parcourscpts.territoire.ParcoursRegionaux;
import fr.parcourscpts.notification.Destinataires.Destinataire;

/**
 * Turns each {@link DossierNotified} into mails, one per person told, recorded in the
 * outbox. It listens synchronously, so it runs inside the transaction of the step that
 * publishes the event: the job of a {@code notifier*} service task (async in every model)
 * or of {@link ProductionsApresCommit} (a new task's receipt), never a person's request.
 * The mails (and the official document the event calls for) are recorded with that job or
 * not at all — a crash after the commit loses nothing, a rolled-back step sends nothing.
 */
@Component
class NotificationCourriels {

	private static final Logger logger = LoggerFactory.getLogger(NotificationCourriels.class);

	/** The template of the events without their own. */
	static final String GENERIC_TEMPLATE = "evenement";

	private final Destinataires destinataires;

	private final ParcoursRegionaux parcours;

	private final MailOutbox outbox;

	private final ResumeQuotidien resumes;

	private final PreferencesCourriel preferences;

	private final DocumentsOfficiels documents;

	private final MessageSource messages;

	private final ResourceLoader resources;

	private final String publicUrl;

	NotificationCourriels(Destinataires destinataires, MailOutbox outbox, ResumeQuotidien resumes,
			PreferencesCourriel preferences, DocumentsOfficiels documents, MessageSource messages,
			ResourceLoader resources, @Value("${parcours.public-url}") String publicUrl, ParcoursRegionaux parcours) {
		this.parcours = parcours;
		this.destinataires = destinataires;
		this.outbox = outbox;
		this.resumes = resumes;
		this.preferences = preferences;
		this.documents = documents;
		this.messages = messages;
		this.resources = resources;
		this.publicUrl = publicUrl;
	}

	@EventListener
	void on(DossierNotified event) {
		Optional<Dossier> dossier = this.destinataires.dossier(event.reference());
		Map<String, Object> donnees = (event.donnees() != null) ? new HashMap<>(event.donnees()) : new HashMap<>();
		String nomCpts = dossier.map(Dossier::nomCpts).orElse(String.valueOf(donnees.getOrDefault("nomCpts", "")));
		Optional<DocumentOfficiel> document = this.documents.issueFor(event.evenement(), event.reference(),
				event.region(), donnees, Date.from(event.at()));
		String template = templateOf(event.evenement());
		String subject = subject(event.evenement(), event.reference(), nomCpts);
		for (String destinataire : event.destinataires().split(",")) {
			String who = destinataire.trim();
			if (who.isEmpty()) {
				continue;
			}
			boolean porteur = "porteur".equals(who);
			List<Destinataire> recipients = porteur ? this.destinataires.porteurs(dossier, donnees.get("porteur"))
					: this.destinataires.agents(who, event.region());
			if (recipients.isEmpty()) {
				logger.warn("Dossier {} : personne à prévenir pour {} ({})", event.reference(), event.evenement(), who);
			}
			// Agents: the dossier's agent page, and their task list next to it.
			String link = porteur
					? dossier.map((d) -> this.publicUrl + "/dossiers/" + d.reference()).orElse(this.publicUrl)
					: dossier.map((d) -> this.publicUrl + LiensAgents.dossier(d.reference()))
						.orElse(this.publicUrl + LiensAgents.TASKLIST);
			List<String> addresses = new ArrayList<>();
			for (Destinataire recipient : recipients) {
				if (recipient.agent()
						&& this.preferences.modeOf(recipient.userId()) == PreferencesCourriel.Mode.QUOTIDIEN) {
					this.resumes.add(recipient.userId(), recipient.email(), event.reference(), subject, link);
					continue;
				}
				addresses.add(recipient.email());
			}
			if (addresses.isEmpty()) {
				continue;
			}
			// The body names no one (porteurs and agents have lists of their own): one
			// rendering for the list, a mail each.
			Map<String, Object> model = new HashMap<>();
			model.put("evenement", event.evenement());
			model.put("libelle", label(event.evenement()));
			model.put("reference", event.reference());
			model.put("nomCpts", nomCpts);
			model.put("region", Region.ofCode(event.region()).map(Region::label).orElse(""));
			model.put("donnees", donnees);
			model.put("le", Date.from(event.at()));
			model.put("lien", link);
			model.put("agent", !porteur);
			if (!porteur) {
				model.put("lienTasklist", this.publicUrl + LiensAgents.TASKLIST);
			}
			model.putAll(chemin(event.region()));
			document.ifPresent((d) -> model.put("lienDocument", this.publicUrl + d.path()));
			List<OutgoingMail.Attachment> attachments = (document.isPresent() && porteur)
					? List.of(attachment(document.get())) : List.of();
			this.outbox.enqueueEach(new OutgoingMail(addresses, subject, template, model, attachments),
					event.reference(), event.region());
		}
	}

	/**
	 * The porteur's copy of the document: its bytes, or for a document not rendered yet
	 * its id, which the mail's delivery reads (and so renders it, if no one downloaded it
	 * before).
	 */
	private static OutgoingMail.Attachment attachment(DocumentOfficiel document) {
		return document.rendu()
				? new OutgoingMail.Attachment(document.fileName(), "application/pdf", document.content())
				: OutgoingMail.Attachment.document(document.fileName(), document.id());
	}

	/**
	 * The suffixes of the message keys that name who has the lettre in the region's path
	 * (decision {@code parcours-regional}): {@code chemin} is empty where the Guichet
	 * CPTS receives it, {@code .ars} where the ARS does; {@code suite} adds how the URPS
	 * are heard.
	 */
	private Map<String, Object> chemin(String region) {
		if (region == null) {
			return Map.of("chemin", "", "suite", "");
		}
		ParcoursRegional parcours = this.parcours.deRegion(region);
		if (parcours.parLeGuichet()) {
			return Map.of("chemin", "", "suite", "");
		}
		return Map.of("chemin", ".ars", "suite", ".ars." + parcours.consultationUrps());
	}

	private String templateOf(String evenement) {
		boolean own = this.resources.getResource("classpath:/templates/mail/" + evenement + ".html").exists()
				&& this.resources.getResource("classpath:/templates/mail/" + evenement + ".txt").exists();
		return own ? evenement : GENERIC_TEMPLATE;
	}

	private String label(String evenement) {
		return this.messages.getMessage("notification." + evenement + ".libelle", null, evenement, Locale.FRANCE);
	}

	private String subject(String evenement, String reference, String nomCpts) {
		Object[] args = { reference, nomCpts, label(evenement) };
		String own = this.messages.getMessage("notification." + evenement + ".sujet", args, null, Locale.FRANCE);
		return (own != null) ? own : this.messages.getMessage("notification.sujet", args, Locale.FRANCE);
	}

}
