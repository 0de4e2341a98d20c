/**
 * The dossier kernel: a CPTS's dossier with its readable reference (numbered per region
 * and year), its region, its members and the process instance that carries it. It owns
 * the {@code dossier}, {@code dossier_membre} and {@code dossier_sequence} tables; the
 * other modules go through {@link fr.parcourscpts.dossier.Dossiers},
 * {@link fr.parcourscpts.dossier.DossierMembers} and, for the lists,
 * {@link fr.parcourscpts.dossier.RechercheDossiers}. It also holds the rule that every
 * process instance of the dossier belongs to the tenant of that region, the legal dates
 * and the recorder of who decided.
 */
package fr.parcourscpts.dossier;
