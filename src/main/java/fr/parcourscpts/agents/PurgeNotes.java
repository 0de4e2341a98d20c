package fr.parcourscpts.agents;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.parcourscpts.dossier.DonneesDossier;
import fr.parcourscpts.dossier.Dossiers;

/** The agents' private notes on a dossier, removed when its retention has passed. */
@Component
class PurgeNotes implements DonneesDossier {

	private final JdbcClient jdbc;

	PurgeNotes(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<String> tables() {
		return List.of("note_dossier");
	}

	@Override
	public Map<String, Integer> purger(Dossiers.Dossier dossier) {
		return Map.of("note_dossier",
				this.jdbc.sql("delete from note_dossier where reference = :reference")
					.param("reference", dossier.reference())
					.update());
	}

}
