package fr.parcourscpts.territoire;

/**
 * A current commune (INSEE "commune actuelle").
 *
 * @param code the INSEE code (5 characters, {@code 2A}/{@code 2B} for Corsica)
 * @param nom the official name, with its accents
 * @param departement the code of its département
 * @param region the INSEE code of its région
 * @param population the legal population (0 when the source has none)
 */
public record Commune(String code, String nom, String departement, String region, int population) {
}
