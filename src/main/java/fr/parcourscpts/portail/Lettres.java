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

/**
 * The lettres d'intention and their parts (communes, professionals, budget lines) in the
 * portal's tables. A lettre is the portal's dossier: its id is the one of the portal's
 * URLs; once sent it points to the row of {@code dossier}.
 */
@Repository
class Lettres {

	static final String BROUILLON = "BROUILLON";

	static final String ENVOYEE = "ENVOYEE";

	private final JdbcClient jdbc;

	Lettres(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
		return this.jdbc.sql("""
				select l.*, d.reference, d.region, d.process_instance_id
				from lettre_intention l left join dossier d on d.id = l.dossier_id
				where l.id = :id""").param("id", id).query((rs, row) -> {
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
			Long dossier = rs.getObject("dossier_id", Long.class);
			return new Lettre(rs.getLong("id"), rs.getString("proprietaire"), dossier, rs.getString("statut"),
					rs.getString("reference"), rs.getString("region"), rs.getString("process_instance_id"),
					rs.getObject("updated_at", OffsetDateTime.class), rs.getObject("sent_at", OffsetDateTime.class),
					form);
		}).optional().map(this::withParts);
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
		return this.jdbc.sql("""
				select l.id from lettre_intention l join dossier d on d.id = l.dossier_id
				where d.reference = :reference""")
			.param("reference", reference)
			.query(Long.class)
			.optional()
			.flatMap(this::find);
	}

	/** The drafts of a user and the lettres of the dossiers they are a member of. */
	List<Lettre> visibleTo(String user) {
		List<Long> ids = this.jdbc.sql("""
				select l.id from lettre_intention l
				where (l.dossier_id is null and l.proprietaire = :user)
				   or l.dossier_id in (select m.dossier_id from dossier_membre m where m.utilisateur = :user)
				order by l.updated_at desc""").param("user", user).query(Long.class).list();
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

	/**
	 * The codes among these that another sent lettre already covers, with its reference.
	 */
	Map<String, List<String>> overlaps(long id, List<String> codes) {
		Map<String, List<String>> found = new java.util.TreeMap<>();
		if (codes.isEmpty()) {
			return found;
		}
		this.jdbc.sql("""
				select c.code, d.reference from lettre_commune c
				join lettre_intention l on l.id = c.lettre_id
				join dossier d on d.id = l.dossier_id
				where c.lettre_id <> :id and c.code in (:codes)
				order by d.reference""")
			.param("id", id)
			.param("codes", codes)
			.query((rs, row) -> found.computeIfAbsent(rs.getString(1), (code) -> new ArrayList<>())
				.add(rs.getString(2)))
			.list();
		return found;
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	private static String truncate(String value, int max) {
		return (value.length() > max) ? value.substring(0, max) : value;
	}

}
