/**
 * The instruction of the projet de santé: the date on which the silence of the ARS
 * becomes acceptance (Code de la santé publique, L1434-12), computed at each deposit and
 * kept current through corrections, which suspend the clock (an incorrect item) or
 * restart it (an incomplete dossier). The model {@code cpts-creation} reads the date as
 * the process variable {@code dateValidationTacite} for its timer and the portal shows
 * it.
 */
package fr.parcourscpts.projetsante;
