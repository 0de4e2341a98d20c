package fr.parcourscpts.notification;

import java.io.Serializable;
import java.time.Instant;
import java.util.Map;

/**
 * Something happened to a dossier that someone must be told of. Serializable: a porteur's
 * new task keeps it until the job after the commit publishes it
 * ({@link ProductionsApresCommit}).
 *
 * @param reference the dossier reference (the process business key)
 * @param region the INSEE region code (the tenant)
 * @param evenement what happened, a stable code such as {@code firAccorde} or
 * {@code relanceAvisUrps}
 * @param destinataires who is to be told: {@code porteur}, or a Camunda group id such as
 * {@code ars}, {@code urps-medecins}
 * @param donnees the process variables at that moment (reasons, amounts, dates)
 * @param at when it happened
 */
public record DossierNotified(String reference, String region, String evenement, String destinataires,
		Map<String, Object> donnees, Instant at) implements Serializable {
}
