/**
 * The first half of the creation of a CPTS, process {@code cpts-creation}: the lettre
 * d'intention and its completeness check by the Guichet CPTS or the ARS, the opinions of
 * the ten URPS or of the region's Inter-URPS and their consolidation (decision
 * {@code consolidation-avis-urps}), as the region's path says (decision
 * {@code parcours-regional}, read with {@code territoire.ParcoursRegionaux}), the ARS
 * decision on the FIR pre-financing, then the hand-over to the projet de santé and the
 * ACI contract. It owns the configurable delays of that process ({@link DelaisCreation})
 * and the names of its elements and variables ({@link CreationProcess}).
 */
package fr.parcourscpts.intention;
