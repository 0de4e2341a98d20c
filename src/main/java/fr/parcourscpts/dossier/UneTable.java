package fr.parcourscpts.dossier;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rows of a dossier in one table, by one column ({@link DonneesDossier#parReference},
 * {@link DonneesDossier#parDossierId}).
 */
record UneTable(JdbcClient jdbc, String table, String colonne,
		Function<Dossiers.Dossier, Object> valeur) implements DonneesDossier {

	@Override
	public List<String> tables() {
		return List.of(this.table);
	}

	@Override
	public Map<String, Integer> purger(Dossiers.Dossier dossier) {
		return Map.of(this.table,
				this.jdbc.sql("delete from " + this.table + " where " + this.colonne + " = :valeur")
					.param("valeur", this.valeur.apply(dossier))
					.update());
	}

}
