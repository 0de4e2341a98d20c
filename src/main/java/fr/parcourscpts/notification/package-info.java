/**
 * Telling people what happened to a dossier: the process publishes a
 * {@link DossierNotified} event at each step that concerns someone (a decision, a
 * reminder, a deadline). Delivery by mail, through a transactional outbox, is built on
 * these events.
 */
package fr.parcourscpts.notification;
