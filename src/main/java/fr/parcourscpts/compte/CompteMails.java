package fr.parcourscpts.compte;

import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

import fr.parcourscpts.notification.MailOutbox;
import fr.parcourscpts.notification.OutgoingMail;

/**
 * Hands the links of this module to the mail outbox inside the transaction that stored
 * them, just before it commits, as the outbox expects (its transactional version records
 * the mail in that very transaction). A mail that cannot be handed over is logged and
 * never undoes a sign-up: its owner asks for a new link by signing up again or by "mot de
 * passe oublié".
 */
@Component
class CompteMails {

	private static final Logger logger = LoggerFactory.getLogger(CompteMails.class);

	private final MailOutbox outbox;

	private final MessageSource messages;

	private final ComptesProperties proprietes;

	CompteMails(MailOutbox outbox, MessageSource messages, ComptesProperties proprietes) {
		this.outbox = outbox;
		this.messages = messages;
		this.proprietes = proprietes;
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void envoyer(LienEmis lien) {
		Map<String, Object> model = new HashMap<>(lien.details());
		model.put("lien", lien.lien());
		validite(lien.objet()).ifPresent((duree) -> model.put("validite", Durees.texte(duree, this.messages)));
		String objet = this.messages.getMessage(lien.objet().subjectKey(), null, Locale.FRANCE);
		try {
			this.outbox.enqueue(OutgoingMail.of(lien.destinataire(), objet, lien.objet().template(), model));
		}
		catch (RuntimeException ex) {
			// Not the link in the log: it carries the secret token.
			logger.error("Mail '{}' could not be handed to the outbox", lien.objet().template(), ex);
		}
	}

	private Optional<Duration> validite(LienEmis.Objet objet) {
		return switch (objet) {
			case CONFIRMATION -> Optional.of(this.proprietes.getConfirmation());
			case REINITIALISATION -> Optional.of(this.proprietes.getReinitialisation());
			case INVITATION -> Optional.of(this.proprietes.getInvitation());
			case COMPTE_EXISTANT -> Optional.empty();
		};
	}

}
