package fr.parcourscpts.portail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.apache.tika.Tika;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.multipart.MultipartFile;

/**
 * The files of a dossier: PDF only (checked by content, not by name or declared type), at
 * most 20 MB, not empty, kept in the database with their SHA-256. The client's file name
 * is cleaned and kept for display only; it never becomes a path.
 */
@Service
class PiecesJointes {

	/** The largest file accepted (Spring's multipart limit is the same, 20MB). */
	static final long TAILLE_MAX = 20L * 1024 * 1024;

	static final String PDF = "application/pdf";

	/** What a file is for. */
	enum Categorie {

		LETTRE, STATUTS, RAPPORT

	}

	/** A stored file, without its content. */
	record PieceJointe(long id, long lettreId, String categorie, String nom, long taille, String sha256,
			String deposePar, OffsetDateTime deposeLe) {
	}

	/** Why a file was refused: the key of the French message. */
	static class FichierRefuse extends RuntimeException {

		private final String code;

		FichierRefuse(String code) {
			super(code);
			this.code = code;
		}

		String code() {
			return this.code;
		}

	}

	private static final Tika TIKA = new Tika();

	private final JdbcClient jdbc;

	PiecesJointes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Checks and stores a file.
	 * @throws FichierRefuse when it is empty, too large or not a PDF
	 */
	long ajouter(long lettreId, Categorie categorie, MultipartFile file, String user) {
		byte[] bytes;
		try {
			if (file.getSize() > TAILLE_MAX) {
				throw new FichierRefuse("portail.piece.tropGrande");
			}
			bytes = file.getBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return ajouter(lettreId, categorie, file.getOriginalFilename(), bytes, user);
	}

	long ajouter(long lettreId, Categorie categorie, String originalName, byte[] bytes, String user) {
		verifier(bytes);
		org.springframework.jdbc.support.KeyHolder keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into piece_jointe (lettre_id, categorie, nom_affiche, type_mime, taille, sha256, contenu,
				  depose_par, depose_le)
				values (:lettre, :categorie, :nom, :type, :taille, :sha, :contenu, :par, :le)""")
			.param("lettre", lettreId)
			.param("categorie", categorie.name())
			.param("nom", nomAffiche(originalName))
			.param("type", PDF)
			.param("taille", bytes.length)
			.param("sha", sha256(bytes))
			.param("contenu", bytes)
			.param("par", user)
			.param("le", OffsetDateTime.now())
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	static void verifier(byte[] bytes) {
		if (bytes == null || bytes.length == 0) {
			throw new FichierRefuse("portail.piece.vide");
		}
		if (bytes.length > TAILLE_MAX) {
			throw new FichierRefuse("portail.piece.tropGrande");
		}
		// Both: Tika's magic detection, and the PDF header at the very start.
		boolean header = bytes.length >= 5 && new String(bytes, 0, 5, StandardCharsets.ISO_8859_1).equals("%PDF-");
		if (!header || !PDF.equals(TIKA.detect(bytes))) {
			throw new FichierRefuse("portail.piece.pasPdf");
		}
	}

	/**
	 * A display name that cannot hurt: no directory part, no control characters, NFC, at
	 * most 200 characters, ending in {@code .pdf}.
	 */
	static String nomAffiche(String original) {
		String name = (original != null) ? original : "";
		name = Normalizer.normalize(name, Normalizer.Form.NFC);
		int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
		name = name.substring(slash + 1);
		name = name.replaceAll("[\\p{Cntrl}\"<>|:*?]", "_").strip();
		while (name.startsWith(".")) {
			name = name.substring(1);
		}
		if (name.isBlank()) {
			name = "document";
		}
		if (!name.toLowerCase(java.util.Locale.ROOT).endsWith(".pdf")) {
			name = name + ".pdf";
		}
		if (name.length() > 200) {
			name = name.substring(0, 196) + ".pdf";
		}
		return name;
	}

	List<PieceJointe> deLettre(long lettreId) {
		return this.jdbc.sql("""
				select id, lettre_id, categorie, nom_affiche, taille, sha256, depose_par, depose_le
				from piece_jointe where lettre_id = :lettre order by id""")
			.param("lettre", lettreId)
			.query((rs, row) -> new PieceJointe(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getLong(5), rs.getString(6), rs.getString(7), rs.getObject(8, OffsetDateTime.class)))
			.list();
	}

	boolean existe(long lettreId, Categorie categorie) {
		return deLettre(lettreId).stream().anyMatch((piece) -> piece.categorie().equals(categorie.name()));
	}

	Optional<PieceJointe> piece(long lettreId, long id) {
		return deLettre(lettreId).stream().filter((piece) -> piece.id() == id).findFirst();
	}

	byte[] contenu(long id) {
		return this.jdbc.sql("select contenu from piece_jointe where id = :id")
			.param("id", id)
			.query((rs, row) -> rs.getBytes(1))
			.single();
	}

	void supprimer(long lettreId, long id) {
		this.jdbc.sql("delete from piece_jointe where id = :id and lettre_id = :lettre")
			.param("id", id)
			.param("lettre", lettreId)
			.update();
	}

	static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
