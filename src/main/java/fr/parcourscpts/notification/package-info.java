/**
 * Telling people what happened to a dossier: the process publishes a
 * {@link DossierNotified} event at each step that concerns someone (a decision, a
 * reminder, a deadline) and each user task created tells the agents of its candidate
 * groups in its region. Every mail goes through the transactional outbox
 * ({@link MailOutbox}, table {@code courriel}): recorded in the step's transaction,
 * delivered afterwards by {@link CourrielSender} with retries; administrators read every
 * mail at {@code /admin/courriels}; agents may choose a daily digest. Nothing is rendered
 * in a person's request: the notify steps are async, and what a new task calls for is
 * rendered by a job after the commit ({@link ProductionsApresCommit}).
 */
package fr.parcourscpts.notification;
