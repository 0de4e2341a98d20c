/**
 * The dossier of a CPTS: its readable reference, its region, and the rule that every
 * process instance of the dossier belongs to the tenant of that region.
 */
package fr.parcourscpts.dossier;
