/**
 * The reference data of French territories: the current communes (INSEE code, name,
 * département, région, legal population), départements and régions of metropolitan France
 * and the DROM, shipped as CSV resources generated from Etalab's
 * {@code @etalab/decoupage-administratif} (see {@code docs/territoire.md}). It lets a
 * porteur pick the communes of a territory by name or INSEE code, and computes what the
 * rules need from a territory: its population, its size class (taille 1 to 4) and whether
 * it reaches the minimum population of a CPTS. {@link TerritoireService} is its API; the
 * thresholds are those of the decision table {@code taille-cpts} ({@link ReglesTaille}).
 */
package fr.parcourscpts.territoire;
