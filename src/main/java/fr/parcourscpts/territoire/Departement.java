package fr.parcourscpts.territoire;

/**
 * A département.
 *
 * @param code the INSEE code ({@code 31}, {@code 2A}, {@code 974})
 * @param nom its name
 * @param region the INSEE code of its région
 */
public record Departement(String code, String nom, String region) {
}
