package fr.parcourscpts.portail;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import fr.parcourscpts.intention.AvisUrps;
import fr.parcourscpts.intention.CreationProcess;
import fr.parcourscpts.portail.Lettres.Lettre;
import fr.parcourscpts.territoire.Territoire;

/**
 * The portal's read API for the other modules: a sent dossier as the porteur submitted it
 * (the lettre, its pieces, the projet de santé, the signatures and annual reports) with
 * what the engine knows of it (variables, timeline, the URPS opinions). It checks no
 * access: the caller decides what its user may see of it.
 */
@Service
public class DossiersLecture {

	/** A sent dossier, everything in it. */
	public record DossierLu(long lettreId, String reference, String region, String nomCpts, OffsetDateTime envoyeLe,
			LettreLue lettre, List<PieceLue> pieces, Map<String, String> projetSante, List<SignatureLue> signatures,
			List<RapportLu> rapports, Map<String, Object> variables, Map<String, Map<String, String>> avisUrps,
			boolean transmisArs, List<EvenementLu> historique) {
	}

	/**
	 * The lettre d'intention: the territory with its communes, the overlaps with other
	 * dossiers (commune → references), the needs, the professionals by profession, the
	 * missions committed to, the project and the FIR request.
	 */
	public record LettreLue(List<CommuneLue> communes, long population, Integer tailleCpts,
			Map<String, List<String>> chevauchements, String besoins, Map<String, String> professionnels,
			List<String> missions, String objectifs, String actions, String moyens, String montantFirDemande,
			List<LigneBudgetLue> budget) {
	}

	public record CommuneLue(String code, String nom, String departement, int population) {
	}

	public record LigneBudgetLue(String libelle, String montant) {
	}

	/** A stored file, without its bytes; categorie is LETTRE, STATUTS or RAPPORT. */
	public record PieceLue(long id, String categorie, String nom, long taille, String sha256, String deposePar,
			OffsetDateTime deposeLe) {
	}

	/** A stored file with its bytes. */
	public record FichierLu(String categorie, String nom, byte[] contenu) {
	}

	public record SignatureLue(String utilisateur, String nomComplet, OffsetDateTime signeLe) {
	}

	public record RapportLu(String rapport, String indicateurs, String transmisPar, OffsetDateTime transmisLe) {
	}

	/** A step of the history: a task, an event, a called process. */
	public record EvenementLu(String activite, String nom, Date debut, Date fin, String par) {
	}

	private final Lettres lettres;

	private final PiecesJointes pieces;

	private final Taches taches;

	private final Suivi suivi;

	private final PortailService portail;

	private final JdbcClient jdbc;

	DossiersLecture(Lettres lettres, PiecesJointes pieces, Taches taches, Suivi suivi, PortailService portail,
			JdbcClient jdbc) {
		this.lettres = lettres;
		this.pieces = pieces;
		this.taches = taches;
		this.suivi = suivi;
		this.portail = portail;
		this.jdbc = jdbc;
	}

	/** The sent dossier of this reference; empty for a draft or an unknown reference. */
	public Optional<DossierLu> parReference(String reference) {
		return this.lettres.findByReference(reference).map(this::lire);
	}

	/**
	 * The ids of the sent dossiers whose territory holds one of these communes (INSEE
	 * codes), for a search by commune.
	 */
	public List<Long> couvrant(java.util.Collection<String> codes) {
		return this.lettres.dossiersCouvrant(codes);
	}

	/** A file of the dossier; empty when it is not one of this dossier's. */
	public Optional<FichierLu> piece(String reference, long pieceId) {
		return this.lettres.findByReference(reference)
			.flatMap((lettre) -> this.pieces.piece(lettre.id(), pieceId))
			.map((piece) -> new FichierLu(piece.categorie(), piece.nom(), this.pieces.contenu(piece.id())));
	}

	private DossierLu lire(Lettre lettre) {
		String reference = lettre.reference();
		Map<String, Object> variables = this.suivi.variables(reference);
		Object json = variables.get(CreationProcess.AVIS_URPS);
		Map<String, Map<String, String>> avis = (json instanceof String text) ? AvisUrps.lire(text) : Map.of();
		List<PieceLue> pieces = this.pieces.deLettre(lettre.id())
			.stream()
			.map((p) -> new PieceLue(p.id(), p.categorie(), p.nom(), p.taille(), p.sha256(), p.deposePar(),
					p.deposeLe()))
			.toList();
		List<EvenementLu> historique = this.suivi.historique(reference)
			.stream()
			.map((e) -> new EvenementLu(e.activite(), e.nom(), e.debut(), e.fin(), e.par()))
			.toList();
		return new DossierLu(lettre.id(), reference, lettre.region(), lettre.nomCpts(), lettre.sentAt(), lettre(lettre),
				pieces, this.taches.projetSante(lettre.id()), signatures(lettre.id()), rapports(lettre.id()), variables,
				avis, this.suivi.transmisArs(reference), historique);
	}

	private LettreLue lettre(Lettre lettre) {
		LettreForm form = lettre.form();
		Territoire territoire = this.portail.territoire(form);
		List<CommuneLue> communes = territoire.communes()
			.stream()
			.map((c) -> new CommuneLue(c.code(), c.nom(), c.departement(), c.population()))
			.toList();
		Map<String, String> professionnels = new LinkedHashMap<>();
		for (String profession : LettreForm.PROFESSIONS) {
			String nombre = form.getProfessionnels().get(profession);
			if (nombre != null && !nombre.isBlank()) {
				professionnels.put(profession, nombre);
			}
		}
		List<String> missions = new ArrayList<>();
		if (form.isMissionAccesSoins()) {
			missions.add("missionAccesSoins");
		}
		if (form.isMissionParcours()) {
			missions.add("missionParcours");
		}
		if (form.isMissionPrevention()) {
			missions.add("missionPrevention");
		}
		if (form.isMissionCrisesSanitaires()) {
			missions.add("missionCrisesSanitaires");
		}
		List<LigneBudgetLue> budget = form.getLignesBudget()
			.stream()
			.map((ligne) -> new LigneBudgetLue(ligne.getLibelle(), ligne.getMontant()))
			.toList();
		return new LettreLue(communes, territoire.population(),
				(territoire.tailleCpts() != null) ? territoire.tailleCpts().numero() : null,
				this.portail.chevauchements(lettre.id(), form), form.getBesoins(), professionnels, missions,
				form.getObjectifs(), form.getActions(), form.getMoyens(), form.getMontantFirDemande(), budget);
	}

	private List<SignatureLue> signatures(long lettreId) {
		return this.jdbc.sql(
				"select utilisateur, nom_complet, signe_le from signature_contrat where lettre_id = :id order by signe_le")
			.param("id", lettreId)
			.query((rs, row) -> new SignatureLue(rs.getString(1), rs.getString(2),
					rs.getObject(3, OffsetDateTime.class)))
			.list();
	}

	private List<RapportLu> rapports(long lettreId) {
		return this.jdbc.sql("""
				select rapport, indicateurs, transmis_par, transmis_le from rapport_activite
				where lettre_id = :id order by transmis_le""")
			.param("id", lettreId)
			.query((rs, row) -> new RapportLu(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getObject(4, OffsetDateTime.class)))
			.list();
	}

}
