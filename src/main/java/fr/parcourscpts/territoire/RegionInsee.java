package fr.parcourscpts.territoire;

/**
 * A région as the reference data names it. Its code is the one of
 * {@code fr.parcourscpts.identity.Region}, the jurisdiction (and Camunda tenant) of the
 * dossiers; this record only carries the data.
 *
 * @param code the INSEE code ({@code 76})
 * @param nom its name ({@code Occitanie})
 */
public record RegionInsee(String code, String nom) {
}
