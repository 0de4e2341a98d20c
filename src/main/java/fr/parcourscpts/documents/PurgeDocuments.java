package fr.parcourscpts.documents;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.parcourscpts.dossier.DonneesDossier;
import fr.parcourscpts.dossier.Dossiers;

/** The official documents issued for a dossier, removed when its retention has passed. */
@Component
class PurgeDocuments implements DonneesDossier {

	private final JdbcClient jdbc;

	PurgeDocuments(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<String> tables() {
		return List.of("document");
	}

	@Override
	public Map<String, Integer> purger(Dossiers.Dossier dossier) {
		return Map.of("document",
				this.jdbc.sql("delete from document where reference = :reference")
					.param("reference", dossier.reference())
					.update());
	}

}
