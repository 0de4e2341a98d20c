package fr.parcourscpts.compte;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.parcourscpts.dossier.DonneesDossier;
import fr.parcourscpts.dossier.Dossiers;

/**
 * The invitations of co-porteurs to a dossier (the invited addresses), removed when its
 * retention has passed. The accounts stay: they belong to their owners, not to the
 * dossier.
 */
@Component
class PurgeInvitations implements DonneesDossier {

	private final JdbcClient jdbc;

	PurgeInvitations(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<String> tables() {
		return List.of("invitation");
	}

	@Override
	public Map<String, Integer> purger(Dossiers.Dossier dossier) {
		return Map.of("invitation",
				this.jdbc.sql("delete from invitation where dossier_id = :id").param("id", dossier.id()).update());
	}

}
