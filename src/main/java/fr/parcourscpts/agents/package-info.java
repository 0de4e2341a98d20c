/**
 * The agents' workspace: the dossiers of their region in which their institution has a
 * part ({@code /agents}), each whole dossier as their institution may see it
 * ({@code /agents/dossiers/{reference}}) with its private notes and its messages with the
 * porteur, exports. Tasks are still done in Camunda Tasklist; this module makes them
 * possible to do well. It writes only notes and messages, never the dossier or its
 * process.
 */
package fr.parcourscpts.agents;
