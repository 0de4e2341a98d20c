package fr.parcourscpts.portail;

import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;

import fr.parcourscpts.intention.CreationProcess;
import fr.parcourscpts.portail.Lettres.Lettre;

/**
 * Completes the porteur tasks of a dossier through the engine, after the checks that only
 * the portal can make: the user is a member of the dossier (done by the caller with
 * {@link PortailService#acces}), the task is an open porteur task of that dossier, and
 * what the porteur typed is complete. Each task's data goes to the portal's tables; only
 * what the process routes on or shows goes to variables.
 */
@Service
class Taches {

	/** The indicators of the annual report (docs/contract-contrat.md): whole numbers. */
	static final List<String> INDICATEURS_ENTIERS = List.of("patientsSansMedecinTraitantAccompagnes",
			"creneauxSoinsNonProgrammes", "participationCampagnesPrevention", "reunionsPluriprofessionnelles",
			"projetsPluriprofessionnels", "hospitalisationsEvitables");

	/** The indicators of the annual report that are percentages. */
	static final List<String> INDICATEURS_TAUX = List.of("tauxReponseSoinsNonProgrammes", "couvertureVaccinale");

	/**
	 * What the porteur typed for a task, by field name; an error is field → message key.
	 */
	record Saisie(Map<String, String> champs, MultipartFile fichier, String adresseIp) {

		String champ(String name) {
			String value = this.champs.get(name);
			return (value != null) ? value.strip() : "";
		}

	}

	/** The checks failed: field → message key. */
	static class SaisieInvalide extends RuntimeException {

		private final Map<String, String> erreurs;

		SaisieInvalide(Map<String, String> erreurs) {
			super("Saisie invalide " + erreurs);
			this.erreurs = erreurs;
		}

		Map<String, String> erreurs() {
			return this.erreurs;
		}

	}

	private final TaskService engineTasks;

	private final Suivi suivi;

	private final PiecesJointes pieces;

	private final JdbcClient jdbc;

	Taches(TaskService engineTasks, Suivi suivi, PiecesJointes pieces, JdbcClient jdbc) {
		this.engineTasks = engineTasks;
		this.suivi = suivi;
		this.pieces = pieces;
		this.jdbc = jdbc;
	}

	/** The open porteur task of the dossier, or 404. */
	Suivi.Tache tache(Lettre lettre, String taskId) {
		if (lettre.reference() == null) {
			throw new DossierIntrouvable();
		}
		Suivi.Tache tache = this.suivi.tache(lettre.reference(), taskId);
		if (tache == null) {
			throw new DossierIntrouvable();
		}
		return tache;
	}

	/**
	 * Checks what the porteur typed for the task, records it and completes the task.
	 * {@code corrigerLettreIntention} is done by sending the lettre again
	 * ({@link PortailService#enregistrerCorrection}).
	 * @throws SaisieInvalide when something is missing or wrong
	 */
	@Transactional
	void completer(Lettre lettre, Suivi.Tache tache, String user, Saisie saisie) {
		Map<String, String> erreurs = new LinkedHashMap<>();
		Map<String, Object> variables = new HashMap<>();
		switch (tache.cle()) {
			case "completerDemandeFir" -> {
				String reponse = saisie.champ("reponseFir");
				if (reponse.length() > 5000) {
					erreurs.put("reponseFir", "portail.tache.texte.size");
				}
				variables.put(CreationProcess.REPONSE_FIR, reponse);
			}
			case "deposerProjetSante", "corrigerProjetSante" -> projetSante(lettre, user, saisie, erreurs);
			case "signerContratPorteur" -> signature(lettre, user, saisie, erreurs, variables);
			case "transmettreRapportActivite" -> rapport(lettre, tache, user, saisie, erreurs, variables);
			default -> throw new DossierIntrouvable();
		}
		if (!erreurs.isEmpty()) {
			throw new SaisieInvalide(erreurs);
		}
		terminer(tache, variables);
	}

	private void terminer(Suivi.Tache tache, Map<String, Object> variables) {
		this.engineTasks.complete(tache.id(), variables);
	}

	private void projetSante(Lettre lettre, String user, Saisie saisie, Map<String, String> erreurs) {
		for (String champ : List.of("missionsActions", "gouvernance", "systemesInformation")) {
			if (saisie.champ(champ).isEmpty()) {
				erreurs.put(champ, "portail.projet." + champ + ".required");
			}
			else if (saisie.champ(champ).length() > 20000) {
				erreurs.put(champ, "portail.tache.texte.size");
			}
		}
		MultipartFile statuts = saisie.fichier();
		PiecesJointes.PieceVerifiee verifiee = null;
		if (fourni(statuts)) {
			verifiee = verifier(lettre.id(), statuts, "statuts", erreurs);
		}
		else if (!this.pieces.existe(lettre.id(), PiecesJointes.Categorie.STATUTS)) {
			erreurs.put("statuts", "portail.projet.statuts.required");
		}
		if (!erreurs.isEmpty()) {
			return;
		}
		if (verifiee != null) {
			enregistrer(lettre.id(), PiecesJointes.Categorie.STATUTS, verifiee, user, "statuts");
		}
		this.jdbc.sql("delete from projet_sante where lettre_id = :id").param("id", lettre.id()).update();
		this.jdbc.sql("""
				insert into projet_sante (lettre_id, missions_actions, gouvernance, systemes_information, depose_par,
				  depose_le)
				values (:id, :missions, :gouvernance, :si, :par, :le)""")
			.param("id", lettre.id())
			.param("missions", saisie.champ("missionsActions"))
			.param("gouvernance", saisie.champ("gouvernance"))
			.param("si", saisie.champ("systemesInformation"))
			.param("par", user)
			.param("le", OffsetDateTime.now())
			.update();
	}

	/** The projet de santé as last deposited: field → text. */
	Map<String, String> projetSante(long lettreId) {
		return this.jdbc.sql("""
				select missions_actions, gouvernance, systemes_information from projet_sante where lettre_id = :id""")
			.param("id", lettreId)
			.query((rs, row) -> Map.of("missionsActions", rs.getString(1), "gouvernance", rs.getString(2),
					"systemesInformation", rs.getString(3)))
			.optional()
			.orElse(Map.of());
	}

	private void signature(Lettre lettre, String user, Saisie saisie, Map<String, String> erreurs,
			Map<String, Object> variables) {
		String nom = saisie.champ("nomComplet");
		if (nom.length() < 3 || !nom.contains(" ")) {
			erreurs.put("nomComplet", "portail.signature.nom.required");
		}
		else if (nom.length() > 200) {
			erreurs.put("nomComplet", "portail.signature.nom.size");
		}
		if (!"true".equals(saisie.champ("confirmation")) && !"on".equals(saisie.champ("confirmation"))) {
			erreurs.put("confirmation", "portail.signature.confirmation.required");
		}
		if (!erreurs.isEmpty()) {
			return;
		}
		OffsetDateTime now = OffsetDateTime.now();
		String ip = (saisie.adresseIp() != null) ? saisie.adresseIp() : "inconnue";
		this.jdbc.sql("""
				insert into signature_contrat (lettre_id, utilisateur, nom_complet, adresse_ip, signe_le)
				values (:id, :user, :nom, :ip, :le)""")
			.param("id", lettre.id())
			.param("user", user)
			.param("nom", nom)
			.param("ip", ip)
			.param("le", now)
			.update();
		variables.put("signaturePorteur", Boolean.TRUE);
		variables.put("signaturePorteurNom", nom);
		variables.put("signaturePorteurLe", Date.from(now.toInstant()));
		variables.put("signaturePorteurIp", ip);
		variables.put("signaturePorteurUtilisateur", user);
	}

	private void rapport(Lettre lettre, Suivi.Tache tache, String user, Saisie saisie, Map<String, String> erreurs,
			Map<String, Object> variables) {
		String texte = saisie.champ("rapport");
		if (texte.isEmpty()) {
			erreurs.put("rapport", "portail.rapport.texte.required");
		}
		else if (texte.length() > 20000) {
			erreurs.put("rapport", "portail.tache.texte.size");
		}
		StringBuilder indicateurs = new StringBuilder();
		for (String nom : INDICATEURS_ENTIERS) {
			String value = saisie.champ(nom);
			try {
				long nombre = Long.parseLong(value);
				if (nombre < 0) {
					throw new NumberFormatException();
				}
				variables.put(nom, nombre);
				indicateurs.append(nom).append('=').append(nombre).append(';');
			}
			catch (NumberFormatException ex) {
				erreurs.put(nom, "portail.rapport.entier");
			}
		}
		for (String nom : INDICATEURS_TAUX) {
			java.math.BigDecimal taux = PortailService.montant(saisie.champ(nom));
			if (taux == null || taux.compareTo(java.math.BigDecimal.valueOf(100)) > 0) {
				erreurs.put(nom, "portail.rapport.taux");
			}
			else {
				variables.put(nom, taux.doubleValue());
				indicateurs.append(nom).append('=').append(taux.toPlainString()).append(';');
			}
		}
		MultipartFile fichier = saisie.fichier();
		PiecesJointes.PieceVerifiee verifiee = null;
		if (fourni(fichier)) {
			verifiee = verifier(lettre.id(), fichier, "fichier", erreurs);
		}
		if (!erreurs.isEmpty()) {
			return;
		}
		if (verifiee != null) {
			enregistrer(lettre.id(), PiecesJointes.Categorie.RAPPORT, verifiee, user, "fichier");
		}
		this.jdbc.sql("""
				insert into rapport_activite (lettre_id, task_id, rapport, indicateurs, transmis_par, transmis_le)
				values (:id, :task, :rapport, :indicateurs, :par, :le)""")
			.param("id", lettre.id())
			.param("task", tache.id())
			.param("rapport", texte)
			.param("indicateurs", indicateurs.toString())
			.param("par", user)
			.param("le", OffsetDateTime.now())
			.update();
	}

	/** A file input left empty sends a part without a name. */
	static boolean fourni(MultipartFile file) {
		return file != null && file.getOriginalFilename() != null && !file.getOriginalFilename().isBlank();
	}

	/** The file checked (scanned once), or null with the reason in {@code erreurs}. */
	private PiecesJointes.PieceVerifiee verifier(long lettreId, MultipartFile file, String champ,
			Map<String, String> erreurs) {
		try {
			return this.pieces.verifier(lettreId, file);
		}
		catch (PiecesJointes.FichierRefuse ex) {
			erreurs.put(champ, ex.code());
			return null;
		}
	}

	/**
	 * Stores a checked file; the quota, checked again under lock, may refuse it still.
	 */
	private void enregistrer(long lettreId, PiecesJointes.Categorie categorie, PiecesJointes.PieceVerifiee piece,
			String user, String champ) {
		try {
			this.pieces.enregistrer(lettreId, categorie, piece, user);
		}
		catch (PiecesJointes.FichierRefuse ex) {
			throw new SaisieInvalide(Map.of(champ, ex.code()));
		}
	}

}
