package fr.parcourscpts.portail;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

import fr.parcourscpts.dossier.DossierMembers;
import fr.parcourscpts.dossier.Dossiers;

/**
 * The lettres d'intention and their parts (communes, professionals, budget lines) in the
 * portal's tables. A draft is known by its id (the portal's
 * {@code /dossiers/brouillons/{id}} pages); once sent it points to its dossier, known by
 * its reference (read from the dossier module, which owns the {@code dossier} table).
 */
@Repository
class Lettres {

	static final String BROUILLON = "BROUILLON";

	static final String ENVOYEE = "ENVOYEE";

	private final JdbcClient jdbc;

	private final Dossiers dossiers;

	private final DossierMembers members;

	Lettres(JdbcClient jdbc, Dossiers dossiers, DossierMembers members) {
		this.jdbc = jdbc;
		this.dossiers = dossiers;
		this.members = members;
	}

	/** A stored lettre with its dossier, when sent. */
	record Lettre(long id, String proprietaire, Long dossierId, String statut, String reference, String region,
			String processInstanceId, OffsetDateTime updatedAt, OffsetDateTime sentAt, LettreForm form) {

		public boolean brouillon() {
			return this.dossierId == null;
		}

		public String nomCpts() {
			return this.form.getNomCpts();
		}

		/**
		 * The lettre's page in the portal: a draft's by its id, a sent lettre's dossier
		 * by its reference.
		 */
		public String chemin() {
			return brouillon() ? "/dossiers/brouillons/" + this.id : "/dossiers/" + this.reference;
		}

	}

	long create(String proprietaire, LettreForm form) {
		KeyHolder keys = new GeneratedKeyHolder();
		OffsetDateTime now = OffsetDateTime.now();
		this.jdbc.sql("""
				insert into lettre_intention (proprietaire, statut, mission_acces_soins, mission_parcours,
				  mission_prevention, mission_crises_sanitaires, created_at, updated_at)
				values (:proprietaire, :statut, false, false, false, false, :now, :now)""")
			.param("proprietaire", proprietaire)
			.param("statut", BROUILLON)
			.param("now", now)
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		update(id, form);
		return id;
	}

	void update(long id, LettreForm form) {
		this.jdbc
			.sql("""
					update lettre_intention set nom_cpts = :nom, communes_saisies = :communes, besoins = :besoins, objectifs = :objectifs,
					  actions = :actions, moyens = :moyens, mission_acces_soins = :m1, mission_parcours = :m2,
					  mission_prevention = :m3, mission_crises_sanitaires = :m4, montant_fir_demande = :montant,
					  updated_at = :now
					where id = :id""")
			.param("nom", blankToNull(form.getNomCpts()))
			.param("communes", blankToNull(form.getCommunes()))
			.param("besoins", blankToNull(form.getBesoins()))
			.param("objectifs", blankToNull(form.getObjectifs()))
			.param("actions", blankToNull(form.getActions()))
			.param("moyens", blankToNull(form.getMoyens()))
			.param("m1", form.isMissionAccesSoins())
			.param("m2", form.isMissionParcours())
			.param("m3", form.isMissionPrevention())
			.param("m4", form.isMissionCrisesSanitaires())
			.param("montant", blankToNull(form.getMontantFirDemande()))
			.param("now", OffsetDateTime.now())
			.param("id", id)
			.update();
		this.jdbc.sql("delete from lettre_commune where lettre_id = :id").param("id", id).update();
		List<String> codes = form.codesCommunes();
		for (int i = 0; i < codes.size(); i++) {
			if (codes.get(i).length() > 5) {
				continue; // not an INSEE code: kept in the form, refused when sent
			}
			this.jdbc.sql("insert into lettre_commune (lettre_id, position, code) values (:id, :position, :code)")
				.param("id", id)
				.param("position", i)
				.param("code", codes.get(i))
				.update();
		}
		this.jdbc.sql("delete from lettre_professionnel where lettre_id = :id").param("id", id).update();
		form.getProfessionnels().forEach((profession, nombre) -> {
			if (nombre != null && !nombre.isBlank()) {
				this.jdbc.sql("insert into lettre_professionnel (lettre_id, profession, nombre) values (:id, :p, :n)")
					.param("id", id)
					.param("p", profession)
					.param("n", truncate(nombre.strip(), 16))
					.update();
			}
		});
		this.jdbc.sql("delete from lettre_ligne_budget where lettre_id = :id").param("id", id).update();
		int position = 0;
		for (LettreForm.LigneBudget ligne : form.getLignesBudget()) {
			if (ligne == null || ligne.isBlank()) {
				continue;
			}
			this.jdbc.sql("""
					insert into lettre_ligne_budget (lettre_id, position, libelle, montant)
					values (:id, :position, :libelle, :montant)""")
				.param("id", id)
				.param("position", position++)
				.param("libelle", blankToNull(ligne.getLibelle()))
				.param("montant", blankToNull(ligne.getMontant()))
				.update();
		}
	}

	/** The communes are read as typed ({@code lettre_commune} holds the codes). */
	Optional<Lettre> find(long id) {
		return find("id", id, null);
	}

	/**
	 * The lettre of this column's value; its dossier read here unless the caller has read
	 * it already.
	 */
	private Optional<Lettre> find(String colonne, long valeur, Dossiers.Dossier connu) {
		return this.jdbc.sql("select * from lettre_intention where " + colonne + " = :valeur")
			.param("valeur", valeur)
			.query((rs, row) -> {
				LettreForm form = new LettreForm();
				form.setNomCpts(rs.getString("nom_cpts"));
				form.setCommunes(rs.getString("communes_saisies"));
				form.setBesoins(rs.getString("besoins"));
				form.setObjectifs(rs.getString("objectifs"));
				form.setActions(rs.getString("actions"));
				form.setMoyens(rs.getString("moyens"));
				form.setMissionAccesSoins(rs.getBoolean("mission_acces_soins"));
				form.setMissionParcours(rs.getBoolean("mission_parcours"));
				form.setMissionPrevention(rs.getBoolean("mission_prevention"));
				form.setMissionCrisesSanitaires(rs.getBoolean("mission_crises_sanitaires"));
				form.setMontantFirDemande(rs.getString("montant_fir_demande"));
				Long dossierId = rs.getObject("dossier_id", Long.class);
				Optional<Dossiers.Dossier> dossier = (connu != null && dossierId != null && connu.id() == dossierId)
						? Optional.of(connu) : (dossierId != null) ? this.dossiers.byId(dossierId) : Optional.empty();
				return new Lettre(rs.getLong("id"), rs.getString("proprietaire"), dossierId, rs.getString("statut"),
						dossier.map(Dossiers.Dossier::reference).orElse(null),
						dossier.map(Dossiers.Dossier::region).orElse(null),
						dossier.map(Dossiers.Dossier::processInstanceId).orElse(null),
						rs.getObject("updated_at", OffsetDateTime.class), rs.getObject("sent_at", OffsetDateTime.class),
						form);
			})
			.optional()
			.map(this::withParts);
	}

	private Lettre withParts(Lettre lettre) {
		LettreForm form = lettre.form();
		Map<String, String> professionnels = new java.util.LinkedHashMap<>();
		this.jdbc.sql("select profession, nombre from lettre_professionnel where lettre_id = :id")
			.param("id", lettre.id())
			.query((rs, row) -> professionnels.put(rs.getString(1), rs.getString(2)))
			.list();
		form.setProfessionnels(professionnels);
		List<LettreForm.LigneBudget> lignes = new ArrayList<>(this.jdbc
			.sql("select libelle, montant from lettre_ligne_budget where lettre_id = :id order by position")
			.param("id", lettre.id())
			.query((rs, row) -> new LettreForm.LigneBudget(rs.getString(1), rs.getString(2)))
			.list());
		form.setLignesBudget(lignes);
		return lettre;
	}

	/** The sent lettre of a dossier, by its reference. */
	Optional<Lettre> findByReference(String reference) {
		// the dossier read once: by its reference, then given to the lettre
		return this.dossiers.byReference(reference).flatMap((dossier) -> find("dossier_id", dossier.id(), dossier));
	}

	/** The drafts of a user and the lettres of the dossiers they are a member of. */
	List<Lettre> visibleTo(String user) {
		List<Long> dossierIds = this.members.dossiersOf(user);
		String sql = "select id from lettre_intention where (dossier_id is null and proprietaire = :user)"
				+ (dossierIds.isEmpty() ? "" : " or dossier_id in (:dossiers)") + " order by updated_at desc";
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("user", user);
		if (!dossierIds.isEmpty()) {
			params.put("dossiers", dossierIds);
		}
		List<Long> ids = this.jdbc.sql(sql).params(params).query(Long.class).list();
		return ids.stream().map(this::find).flatMap(Optional::stream).toList();
	}

	/**
	 * Locks the draft's row until the end of the transaction, first thing of a save or a
	 * send: a concurrent send of the same lettre waits here, then finds it sent (false)
	 * before it has numbered a dossier or started a process.
	 */
	boolean lockDraft(long id) {
		return this.jdbc
			.sql("update lettre_intention set updated_at = updated_at where id = :id and dossier_id is null")
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Links the lettre to its dossier; a lettre sent twice at once (two clicks, two tabs)
	 * fails here at the latest, and the second transaction rolls back with its process.
	 */
	void markSent(long id, long dossierId) {
		int updated = this.jdbc.sql("""
				update lettre_intention set dossier_id = :dossier, statut = :statut, sent_at = :now
				where id = :id and dossier_id is null""")
			.param("dossier", dossierId)
			.param("statut", ENVOYEE)
			.param("now", OffsetDateTime.now())
			.param("id", id)
			.update();
		if (updated != 1) {
			throw new LettreDejaEnvoyee(id);
		}
	}

	/** The sent dossiers whose territory holds one of these communes. */
	List<Long> dossiersCouvrant(java.util.Collection<String> codes) {
		if (codes.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select distinct l.dossier_id from lettre_commune c
				join lettre_intention l on l.id = c.lettre_id
				where c.code in (:codes) and l.dossier_id is not null""")
			.param("codes", codes)
			.query(Long.class)
			.list();
	}

	/**
	 * The codes among these that another sent lettre already covers, with its reference.
	 */
	Map<String, List<String>> overlaps(long id, List<String> codes) {
		Map<String, List<String>> found = new java.util.TreeMap<>();
		if (codes.isEmpty()) {
			return found;
		}
		Map<Long, String> references = new java.util.HashMap<>();
		this.jdbc.sql("""
				select c.code, l.dossier_id from lettre_commune c
				join lettre_intention l on l.id = c.lettre_id
				where c.lettre_id <> :id and c.code in (:codes) and l.dossier_id is not null""")
			.param("id", id)
			.param("codes", codes)
			.query((rs, row) -> found.computeIfAbsent(rs.getString(1), (code) -> new ArrayList<>())
				.add(references.computeIfAbsent(rs.getLong(2),
						(dossier) -> this.dossiers.byId(dossier).map(Dossiers.Dossier::reference).orElseThrow())))
			.list();
		found.values().forEach(java.util.Collections::sort);
		return found;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static String truncate(String value, int max) {
		return (value.length() > max) ? value.substring(0, max) : value;
	}

}
