/**
 * Porteur accounts: sign-up confirmed by e-mail, password reset, the "Mon compte" page
 * and the invitation of co-porteurs to a dossier. A porteur is a Camunda user whose id is
 * their e-mail address lowercased, member of the group {@code porteurs} once the address
 * is confirmed; this module keeps what the engine does not (profession, terms,
 * confirmation, single-use links) and sends its links by mail through the notification
 * outbox.
 */
package fr.parcourscpts.compte;
