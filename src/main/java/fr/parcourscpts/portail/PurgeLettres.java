package fr.parcourscpts.portail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.parcourscpts.dossier.DonneesDossier;
import fr.parcourscpts.dossier.Dossiers;

/**
 * What the portal keeps of a dossier, removed when its retention has passed: the lettre
 * d'intention with everything the porteurs deposited on it (pieces, projet de santé,
 * signature, reports, accompaniment) and the messages with their files. Children first:
 * the counts are the rows really deleted, not left to the cascades.
 */
@Component
class PurgeLettres implements DonneesDossier {

	private static final String DE_LA_LETTRE = " where lettre_id in (select id from lettre_intention where dossier_id = :id)";

	private static final List<String> TABLES_DE_LA_LETTRE = List.of("lettre_commune", "lettre_professionnel",
			"lettre_ligne_budget", "piece_jointe", "projet_sante", "signature_contrat", "rapport_activite",
			"accompagnement", "commentaire_accompagnement");

	private final JdbcClient jdbc;

	PurgeLettres(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<String> tables() {
		List<String> tables = new ArrayList<>(List.of("message_piece", "message_dossier"));
		tables.addAll(TABLES_DE_LA_LETTRE);
		tables.add("lettre_intention");
		return tables;
	}

	@Override
	public Map<String, Integer> purger(Dossiers.Dossier dossier) {
		Map<String, Integer> lignes = new LinkedHashMap<>();
		lignes.put("message_piece", this.jdbc.sql(
				"delete from message_piece where message_id in (select id from message_dossier where reference = :reference)")
			.param("reference", dossier.reference())
			.update());
		lignes.put("message_dossier",
				this.jdbc.sql("delete from message_dossier where reference = :reference")
					.param("reference", dossier.reference())
					.update());
		for (String table : TABLES_DE_LA_LETTRE) {
			lignes.put(table, this.jdbc.sql("delete from " + table + DE_LA_LETTRE).param("id", dossier.id()).update());
		}
		lignes.put("lettre_intention",
				this.jdbc.sql("delete from lettre_intention where dossier_id = :id")
					.param("id", dossier.id())
					.update());
		return lignes;
	}

}
