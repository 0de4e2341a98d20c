package fr.parcourscpts.dossier;

import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.Period;
import java.util.ArrayDeque;
import java.util.Date;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

/**
 * Dossiers for the tests of the purge (H2 and PostgreSQL): a dossier with a row in every
 * application table linked to it, whose process ended (or still runs) at a given date;
 * the count of its rows per table; and the list of the tables linked to a dossier, read
 * from the schema the migrations made.
 */
final class DossiersEchus {

	private final JdbcClient jdbc;

	private final ProcessEngine engine;

	DossiersEchus(DataSource dataSource, ProcessEngine engine) {
		this.jdbc = JdbcClient.create(dataSource);
		this.engine = engine;
	}

	/** Created and ended {@code ilYa} ago (the porteur abandoned it at the Guichet). */
	Dossiers.Dossier termine(Period ilYa) {
		return dossier(ilYa, true);
	}

	/** Created {@code ilYa} ago and still running (its process at the Guichet). */
	Dossiers.Dossier enCours(Period ilYa) {
		return dossier(ilYa, false);
	}

	private Dossiers.Dossier dossier(Period ilYa, boolean termine) {
		String reference = "PUR-" + UUID.randomUUID().toString().substring(0, 8);
		OffsetDateTime le = OffsetDateTime.now(DatesLegales.PARIS).minus(ilYa);
		ClockUtil.setCurrentTime(Date.from(le.toInstant()));
		String processInstanceId;
		try {
			processInstanceId = this.engine.getRuntimeService()
				.createProcessInstanceByKey(PurgeDossiers.PROCESSUS)
				.businessKey(reference)
				.setVariables(Map.of("reference", reference, "region", "76", "nomCpts", "CPTS du Volvestre", "porteur",
						"porteur.76", "destinataireLettre", "guichet-cpts", "consultationUrps", "dixUrps"))
				.startBeforeActivity("verifierCompletude")
				.execute()
				.getId();
			if (termine) {
				this.engine.getRuntimeService().deleteProcessInstance(processInstanceId, "abandon du porteur");
			}
		}
		finally {
			ClockUtil.reset();
		}
		long id = insert("""
				insert into dossier (reference, region, nom_cpts, porteur, process_instance_id, created_at)
				values (:reference, '76', 'CPTS du Volvestre', 'porteur.76', :pi, :le)""",
				Map.of("reference", reference, "pi", processInstanceId, "le", le));
		Map<String, Object> d = Map.of("id", id, "reference", reference, "le", le);
		run("insert into dossier_membre (dossier_id, utilisateur, role, added_at) values (:id, 'porteur.76', 'PORTEUR', :le)",
				d);
		run("""
				insert into invitation (empreinte, dossier_id, email, invite_par, cree_le, expire_le)
				values (:empreinte, :id, 'co@exemple.fr', 'porteur.76', :le, :le)""",
				Map.of("empreinte", UUID.randomUUID().toString(), "id", id, "le", le));
		long lettre = insert("""
				insert into lettre_intention (proprietaire, dossier_id, statut, mission_acces_soins, mission_parcours,
				                              mission_prevention, mission_crises_sanitaires, created_at, updated_at)
				values ('porteur.76', :id, 'ENVOYEE', true, true, false, false, :le, :le)""", d);
		Map<String, Object> l = Map.of("lettre", lettre, "le", le);
		run("insert into lettre_commune (lettre_id, position, code) values (:lettre, 0, '31555')", l);
		run("insert into lettre_professionnel (lettre_id, profession, nombre) values (:lettre, 'medecin', '3')", l);
		run("insert into lettre_ligne_budget (lettre_id, position, libelle, montant) values (:lettre, 0, 'x', '10')",
				l);
		run("""
				insert into piece_jointe (lettre_id, categorie, nom_affiche, type_mime, taille, sha256, contenu,
				                          depose_par, depose_le)
				values (:lettre, 'STATUTS', 'statuts.pdf', 'application/pdf', 4, 'e', :contenu, 'porteur.76', :le)""",
				Map.of("lettre", lettre, "le", le, "contenu", new byte[] { 1, 2, 3, 4 }));
		run("""
				insert into projet_sante (lettre_id, missions_actions, gouvernance, systemes_information, depose_par,
				                          depose_le)
				values (:lettre, 'm', 'g', 's', 'porteur.76', :le)""", l);
		run("""
				insert into signature_contrat (lettre_id, utilisateur, nom_complet, adresse_ip, signe_le)
				values (:lettre, 'porteur.76', 'Jeanne Martin', '127.0.0.1', :le)""", l);
		run("""
				insert into rapport_activite (lettre_id, task_id, rapport, indicateurs, transmis_par, transmis_le)
				values (:lettre, 't', 'r', '{}', 'porteur.76', :le)""", l);
		run("""
				insert into accompagnement (lettre_id, structure, invite_par, invite_le)
				values (:lettre, 'accompagnement-76', 'porteur.76', :le)""", l);
		run("""
				insert into commentaire_accompagnement (lettre_id, structure, auteur, texte, cree_le)
				values (:lettre, 'accompagnement-76', 'accomp.76', 'c', :le)""", l);
		run("""
				insert into note_dossier (reference, auteur, auteur_nom, texte, ecrite_le)
				values (:reference, 'ars.76', 'Agent ARS', 'note', :le)""", d);
		long message = insert("""
				insert into message_dossier (reference, cote, institution, auteur, auteur_nom, texte, envoye_le)
				values (:reference, 'PORTEUR', 'guichet-cpts', 'porteur.76', 'Jeanne Martin', 'bonjour', :le)""", d);
		run("""
				insert into message_piece (message_id, nom_affiche, taille, sha256, contenu)
				values (:message, 'm.pdf', 4, 'e', :contenu)""",
				Map.of("message", message, "contenu", new byte[] { 1, 2, 3, 4 }));
		long courriel = insert("""
				insert into courriel (destinataires, sujet, modele, corps_html, corps_texte, region, reference, statut,
				                      prochain_essai, created_at)
				values ('porteur@exemple.fr', 's', 'evenement', 'h', 't', '76', :reference, 'SENT', :le, :le)""", d);
		run("""
				insert into courriel_piece_jointe (courriel_id, nom_fichier, content_type, contenu)
				values (:courriel, 'a.pdf', 'application/pdf', :contenu)""",
				Map.of("courriel", courriel, "contenu", new byte[] { 1, 2, 3, 4 }));
		run("""
				insert into courriel_resume (utilisateur, adresse, reference, sujet, lien, created_at)
				values ('ars.76', 'ars@exemple.fr', :reference, 's', '/agents', :le)""", d);
		run("""
				insert into production_apres_commit (reference, contenu, created_at)
				values (:reference, :contenu, :le)""",
				Map.of("reference", reference, "contenu", new byte[] { 1, 2, 3, 4 }, "le", le));
		run("""
				insert into document (reference, region, type, nom_fichier, contenu, sha256, created_at)
				values (:reference, '76', 'ACCUSE_RECEPTION_LETTRE', 'a.pdf', :contenu, 'e', :le)""",
				Map.of("reference", reference, "contenu", new byte[] { 1, 2, 3, 4 }, "le", le));
		return new Dossiers.Dossier(id, reference, "76", "CPTS du Volvestre", "porteur.76", processInstanceId, le);
	}

	/** The dossier's rows in each table linked to a dossier. */
	Map<String, Integer> lignes(Dossiers.Dossier dossier) {
		String lettres = "(select id from lettre_intention where dossier_id = :id)";
		Map<String, String> requetes = new LinkedHashMap<>();
		requetes.put("dossier", "select count(*) from dossier where id = :id");
		requetes.put("dossier_membre", "select count(*) from dossier_membre where dossier_id = :id");
		requetes.put("invitation", "select count(*) from invitation where dossier_id = :id");
		requetes.put("lettre_intention", "select count(*) from lettre_intention where dossier_id = :id");
		for (String table : new String[] { "lettre_commune", "lettre_professionnel", "lettre_ligne_budget",
				"piece_jointe", "projet_sante", "signature_contrat", "rapport_activite", "accompagnement",
				"commentaire_accompagnement" }) {
			requetes.put(table, "select count(*) from " + table + " where lettre_id in " + lettres);
		}
		requetes.put("note_dossier", "select count(*) from note_dossier where reference = :reference");
		requetes.put("message_dossier", "select count(*) from message_dossier where reference = :reference");
		requetes.put("message_piece", "select count(*) from message_piece where message_id in"
				+ " (select id from message_dossier where reference = :reference)");
		requetes.put("courriel", "select count(*) from courriel where reference = :reference");
		requetes.put("courriel_piece_jointe", "select count(*) from courriel_piece_jointe where courriel_id in"
				+ " (select id from courriel where reference = :reference)");
		requetes.put("courriel_resume", "select count(*) from courriel_resume where reference = :reference");
		requetes.put("document", "select count(*) from document where reference = :reference");
		requetes.put("production_apres_commit",
				"select count(*) from production_apres_commit where reference = :reference");
		Map<String, Integer> lignes = new LinkedHashMap<>();
		requetes.forEach((table, sql) -> {
			JdbcClient.StatementSpec query = this.jdbc.sql(sql);
			query = sql.contains(":id") ? query.param("id", dossier.id())
					: query.param("reference", dossier.reference());
			lignes.put(table, query.query(Integer.class).single());
		});
		return lignes;
	}

	/**
	 * The application's tables that hold rows of a dossier, read from the schema the
	 * migrations made: {@code dossier}, every table with a {@code dossier_id} or
	 * {@code reference} column (the mail log and the documents keep the reference, not a
	 * foreign key), and every table whose foreign key leads to one of those.
	 */
	static Set<String> tablesLieesAuDossier(DataSource dataSource) throws SQLException {
		Set<String> liees = new TreeSet<>();
		try (var connection = dataSource.getConnection()) {
			DatabaseMetaData metadata = connection.getMetaData();
			Set<String> tables = new TreeSet<>();
			try (ResultSet rs = metadata.getTables(null, null, "%", new String[] { "TABLE" })) {
				while (rs.next()) {
					String schema = rs.getString("TABLE_SCHEM");
					String table = rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT);
					if ("public".equalsIgnoreCase(schema) && !table.startsWith("act_")) {
						tables.add(rs.getString("TABLE_NAME"));
					}
				}
			}
			Deque<String> aVoir = new ArrayDeque<>();
			for (String table : tables) {
				String nom = table.toLowerCase(Locale.ROOT);
				boolean lie = nom.equals("dossier");
				try (ResultSet rs = metadata.getColumns(null, null, table, "%")) {
					while (rs.next()) {
						String colonne = rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT);
						lie = lie || colonne.equals("dossier_id") || colonne.equals("reference");
					}
				}
				if (lie && liees.add(nom)) {
					aVoir.add(table);
				}
			}
			while (!aVoir.isEmpty()) {
				String table = aVoir.pop();
				try (ResultSet rs = metadata.getExportedKeys(null, null, table)) {
					while (rs.next()) {
						String enfant = rs.getString("FKTABLE_NAME");
						if (liees.add(enfant.toLowerCase(Locale.ROOT))) {
							aVoir.add(enfant);
						}
					}
				}
			}
		}
		return liees;
	}

	private long insert(String sql, Map<String, Object> params) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql(sql).params(params).update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	private void run(String sql, Map<String, Object> params) {
		this.jdbc.sql(sql).params(params).update();
	}

}
