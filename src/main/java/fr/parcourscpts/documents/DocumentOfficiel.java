package fr.parcourscpts.documents;

import java.time.OffsetDateTime;

/**
 * An issued document.
 *
 * @param id its id, for {@code /documents/{id}}
 * @param reference the dossier reference
 * @param type what it is
 * @param fileName the PDF file name
 * @param content the PDF bytes (empty in listings)
 * @param sha256 the hexadecimal SHA-256 of the bytes
 * @param createdAt when it was issued
 */
public record DocumentOfficiel(long id, String reference, TypeDocument type, String fileName, byte[] content,
		String sha256, OffsetDateTime createdAt) {

	/** The path where members and agents download it. */
	public String path() {
		return "/documents/" + this.id;
	}

}
