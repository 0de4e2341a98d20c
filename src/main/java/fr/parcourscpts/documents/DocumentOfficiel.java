package fr.parcourscpts.documents;

import java.time.OffsetDateTime;

/**
 * An issued document.
 *
 * @param id its id, for {@code /documents/{id}}
 * @param reference the dossier reference
 * @param type what it is
 * @param fileName the PDF file name
 * @param content the PDF bytes (empty in listings, and until the first read of a document
 * rendered then)
 * @param sha256 the hexadecimal SHA-256 of the bytes; null until a document rendered on
 * first read is first read
 * @param createdAt when it was issued
 */
public record DocumentOfficiel(long id, String reference, TypeDocument type, String fileName, byte[] content,
		String sha256, OffsetDateTime createdAt) {

	/** Whether its PDF is made yet (always, except a document not read yet). */
	public boolean rendu() {
		return this.sha256 != null;
	}

	/** The path where members and agents download it. */
	public String path() {
		return "/documents/" + this.id;
	}

}
