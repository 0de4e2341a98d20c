package fr.parcourscpts.notification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import fr.parcourscpts.dossier.DonneesDossier;
import fr.parcourscpts.dossier.Dossiers;

/**
 * The mail log of a dossier (the mails about it with their attachments, the digest lines
 * waiting for an agent, what a step left to render after its commit), removed when its
 * retention has passed. Mails about no dossier (accounts, passwords) carry no reference
 * and are not concerned.
 */
@Component
class PurgeCourriels implements DonneesDossier {

	private final JdbcClient jdbc;

	PurgeCourriels(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public List<String> tables() {
		return List.of("courriel_piece_jointe", "courriel", "courriel_resume", "production_apres_commit");
	}

	@Override
	public Map<String, Integer> purger(Dossiers.Dossier dossier) {
		Map<String, Integer> lignes = new LinkedHashMap<>();
		lignes.put("courriel_piece_jointe", this.jdbc.sql(
				"delete from courriel_piece_jointe where courriel_id in (select id from courriel where reference = :reference)")
			.param("reference", dossier.reference())
			.update());
		lignes.put("courriel",
				this.jdbc.sql("delete from courriel where reference = :reference")
					.param("reference", dossier.reference())
					.update());
		lignes.put("courriel_resume",
				this.jdbc.sql("delete from courriel_resume where reference = :reference")
					.param("reference", dossier.reference())
					.update());
		// what a step left to render after its commit and never rendered (its job ended
		// in
		// an incident): the job, if it runs again, then finds nothing to produce
		lignes.put("production_apres_commit",
				this.jdbc.sql("delete from production_apres_commit where reference = :reference")
					.param("reference", dossier.reference())
					.update());
		return lignes;
	}

}
