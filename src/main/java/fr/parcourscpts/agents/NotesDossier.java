package fr.parcourscpts.agents;

import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import fr.parcourscpts.identity.Institution;

/**
 * The agents' private notes on a dossier (table {@code note_dossier}): what an agent
 * wants the other agents of the region to know, never shown to the porteurs. It checks no
 * access: {@link DossierAgent} lets only the viewers {@link VisibiliteDossier} allows
 * read and write them.
 */
@Service
class NotesDossier {

	/** The longest note, in characters (the column's size). */
	static final int TEXTE_MAX = 4000;

	/** A note, its author's name as it was when written, its time in Paris. */
	record Note(long id, String auteur, String auteurNom, String institution, String texte, ZonedDateTime ecriteLe) {

		public String institutionNom() {
			return (this.institution == null) ? null
					: Institution.ofGroupId(this.institution).map(Institution::label).orElse(this.institution);
		}

	}

	private final JdbcClient jdbc;

	private final IdentityService identity;

	NotesDossier(JdbcClient jdbc, IdentityService identity) {
		this.jdbc = jdbc;
		this.identity = identity;
	}

	/** The notes of the dossier, oldest first. */
	List<Note> deDossier(String reference) {
		return this.jdbc.sql("""
				select id, auteur, auteur_nom, institution, texte, ecrite_le from note_dossier
				where reference = :reference order by ecrite_le, id""")
			.param("reference", reference)
			.query((rs, row) -> new Note(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getObject(6, OffsetDateTime.class).atZoneSameInstant(ListeDossiers.PARIS)))
			.list();
	}

	/**
	 * Records a note of this agent, for their institution (null for an administrator).
	 */
	void ajouter(String reference, String userId, String institution, String texte) {
		this.jdbc.sql("""
				insert into note_dossier (reference, auteur, auteur_nom, institution, texte, ecrite_le)
				values (:reference, :auteur, :nom, :institution, :texte, :le)""")
			.param("reference", reference)
			.param("auteur", userId)
			.param("nom", nomDe(userId))
			.param("institution", institution)
			.param("texte", texte.strip())
			.param("le", ClockUtil.getCurrentTime().toInstant().atZone(ListeDossiers.PARIS).toOffsetDateTime())
			.update();
	}

	/** The person's name from the identity store, else their login. */
	private String nomDe(String userId) {
		User user = this.identity.createUserQuery().userId(userId).singleResult();
		if (user == null) {
			return userId;
		}
		String nom = ((user.getFirstName() != null ? user.getFirstName() : "") + " "
				+ (user.getLastName() != null ? user.getLastName() : ""))
			.strip();
		return nom.isEmpty() ? userId : nom;
	}

}
