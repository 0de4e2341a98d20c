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
import java.util.Map;
import java.util.Optional;

import org.apache.tika.Tika;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.unit.DataSize;
import org.springframework.web.multipart.MultipartFile;

/**
 * The files of a dossier: PDF only (checked by content, not by name or declared type, and
 * parsed by {@link PdfInspector}), at most 20 MB, not empty, scanned by the
 * {@link Antivirus} when one is configured, within the dossier's quotas (number of files
 * and total size, {@code parcours.pieces.*}), kept in the database with their SHA-256.
 * The client's file name is cleaned and kept for display only; it never becomes a path.
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

	/**
	 * A file that passed every check but the quota under lock: what {@link #enregistrer}
	 * stores.
	 */
	record PieceVerifiee(String nom, byte[] contenu) {
	}

	/** How many files and bytes a dossier may hold, and how far a PDF may decompress. */
	record Limites(int piecesParDossier, DataSize tailleParDossier, DataSize tailleDecompressee) {
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

	private final Antivirus antivirus;

	private final Limites limites;

	private final TransactionTemplate transaction;

	@Autowired
	PiecesJointes(JdbcClient jdbc, Antivirus antivirus, PlatformTransactionManager transactions,
			@Value("${parcours.pieces.max-par-dossier:30}") int piecesParDossier,
			@Value("${parcours.pieces.taille-max-par-dossier:150MB}") DataSize tailleParDossier,
			@Value("${parcours.pieces.taille-decompressee-max:100MB}") DataSize tailleDecompressee) {
		this(jdbc, antivirus, transactions, new Limites(piecesParDossier, tailleParDossier, tailleDecompressee));
	}

	PiecesJointes(JdbcClient jdbc, Antivirus antivirus, PlatformTransactionManager transactions, Limites limites) {
		this.jdbc = jdbc;
		this.antivirus = antivirus;
		this.limites = limites;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Checks and stores a file.
	 * @throws FichierRefuse when it is refused
	 */
	long ajouter(long lettreId, Categorie categorie, MultipartFile file, String user) {
		return enregistrer(lettreId, categorie, verifier(lettreId, file), user);
	}

	long ajouter(long lettreId, Categorie categorie, String originalName, byte[] bytes, String user) {
		return enregistrer(lettreId, categorie, verifier(lettreId, originalName, bytes), user);
	}

	/**
	 * Every check of a file, nothing stored.
	 * @throws FichierRefuse when it is refused
	 */
	PieceVerifiee verifier(long lettreId, MultipartFile file) {
		if (file.getSize() > TAILLE_MAX) {
			throw new FichierRefuse("portail.piece.tropGrande");
		}
		try {
			return verifier(lettreId, file.getOriginalFilename(), file.getBytes());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	PieceVerifiee verifier(long lettreId, String originalName, byte[] bytes) {
		verifierFormat(bytes);
		verifierQuota(lettreId, bytes.length);
		return inspecter(originalName, bytes);
	}

	/**
	 * Every check of a file but the dossier's quota of pieces: for the attachments of the
	 * messages ({@link Messagerie}), which have their own.
	 * @throws FichierRefuse when it is refused
	 */
	PieceVerifiee controler(MultipartFile file) {
		if (file.getSize() > TAILLE_MAX) {
			throw new FichierRefuse("portail.piece.tropGrande");
		}
		try {
			byte[] bytes = file.getBytes();
			verifierFormat(bytes);
			return inspecter(file.getOriginalFilename(), bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Limites limites() {
		return this.limites;
	}

	private PieceVerifiee inspecter(String originalName, byte[] bytes) {
		PdfInspector.inspect(bytes, this.limites.tailleDecompressee().toBytes());
		Antivirus.Verdict verdict = this.antivirus.scan(bytes);
		if (verdict instanceof Antivirus.Verdict.Infected) {
			throw new FichierRefuse("portail.piece.virus");
		}
		if (verdict instanceof Antivirus.Verdict.Unavailable) {
			throw new FichierRefuse("portail.piece.antivirusIndisponible");
		}
		return new PieceVerifiee(nomAffiche(originalName), bytes);
	}

	/**
	 * Stores a checked file, the quota checked again under the lettre's row lock so that
	 * parallel uploads cannot pass it together.
	 * @throws FichierRefuse when the quota is reached
	 */
	long enregistrer(long lettreId, Categorie categorie, PieceVerifiee piece, String user) {
		return this.transaction.execute((status) -> {
			this.jdbc.sql("select id from lettre_intention where id = :lettre for update")
				.param("lettre", lettreId)
				.query(Long.class)
				.single();
			verifierQuota(lettreId, piece.contenu().length);
			KeyHolder keys = new GeneratedKeyHolder();
			this.jdbc.sql("""
					insert into piece_jointe (lettre_id, categorie, nom_affiche, type_mime, taille, sha256, contenu,
					  depose_par, depose_le)
					values (:lettre, :categorie, :nom, :type, :taille, :sha, :contenu, :par, :le)""")
				.param("lettre", lettreId)
				.param("categorie", categorie.name())
				.param("nom", piece.nom())
				.param("type", PDF)
				.param("taille", piece.contenu().length)
				.param("sha", sha256(piece.contenu()))
				.param("contenu", piece.contenu())
				.param("par", user)
				.param("le", OffsetDateTime.now())
				.update(keys, "id");
			return keys.getKeyAs(Number.class).longValue();
		});
	}

	/**
	 * The arguments of a refusal's message: the file's name, then the dossier's quotas
	 * (number of files, total in MB).
	 */
	Object[] arguments(String nom) {
		return new Object[] { nom, this.limites.piecesParDossier(), this.limites.tailleParDossier().toMegabytes() };
	}

	private void verifierQuota(long lettreId, long taille) {
		Map<String, Object> usage = this.jdbc.sql(
				"select count(*) as nombre, coalesce(sum(taille), 0) as total from piece_jointe where lettre_id = :lettre")
			.param("lettre", lettreId)
			.query()
			.singleRow();
		long nombre = ((Number) usage.get("nombre")).longValue();
		long total = ((Number) usage.get("total")).longValue();
		if (nombre >= this.limites.piecesParDossier()) {
			throw new FichierRefuse("portail.piece.quotaNombre");
		}
		if (total + taille > this.limites.tailleParDossier().toBytes()) {
			throw new FichierRefuse("portail.piece.quotaTaille");
		}
	}

	static void verifierFormat(byte[] bytes) {
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
