/**
 * The porteurs' portal: the lettre d'intention (saved as a draft, then sent, which starts
 * {@code cpts-creation}), the porteur's dossiers with their status ({@code Statuts}) and
 * timeline, the porteur tasks of the dossier's process instances done in the portal, the
 * attachments (PDF, kept in the database), the abandon, the messages between the porteurs
 * and the institution in charge ({@link fr.parcourscpts.portail.Messagerie}, also used by
 * the agents' pages), and the same actions as a JSON API. Every read or write checks that
 * the current user is a member of the dossier ({@code DossierMembers}).
 */
package fr.parcourscpts.portail;
