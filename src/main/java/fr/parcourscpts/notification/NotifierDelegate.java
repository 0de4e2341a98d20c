package fr.parcourscpts.notification;

import java.time.Instant;
import java.util.HashMap;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * The one delegate behind every "notify" service task of the models
 * ({@code camunda:delegateExpression="${notifier}"}), with two input parameters:
 * {@code evenement} (what happened) and {@code destinataires} (who is to be told). It
 * publishes a {@link DossierNotified} event in the transaction of the process step, so
 * that a rolled-back step notifies nobody.
 */
@Component("notifier")
public class NotifierDelegate implements JavaDelegate {

	/** Input parameter: what happened. */
	public static final String EVENEMENT = "evenement";

	/** Input parameter: who is to be told. */
	public static final String DESTINATAIRES = "destinataires";

	private static final Logger logger = LoggerFactory.getLogger(NotifierDelegate.class);

	private final ApplicationEventPublisher events;

	public NotifierDelegate(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String evenement = (String) execution.getVariableLocal(EVENEMENT);
		String destinataires = (String) execution.getVariableLocal(DESTINATAIRES);
		if (evenement == null || destinataires == null) {
			throw new IllegalStateException("Notification sans 'evenement' ni 'destinataires' à l'activité "
					+ execution.getCurrentActivityId());
		}
		DossierNotified event = new DossierNotified(execution.getProcessBusinessKey(), execution.getTenantId(),
				evenement, destinataires, new HashMap<>(execution.getVariables()), Instant.now());
		logger.info("Dossier {} : {} -> {}", event.reference(), evenement, destinataires);
		this.events.publishEvent(event);
	}

}
