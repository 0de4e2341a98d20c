/**
 * The agents' workspace: the dossiers of their region in which their institution has a
 * part ({@code /agents}), each whole dossier as their institution may see it
 * ({@code /agents/dossiers/{reference}}), exports. Tasks are still done in Camunda
 * Tasklist; this module makes them possible to do well. Read only: nothing here changes a
 * dossier.
 */
package fr.parcourscpts.agents;
