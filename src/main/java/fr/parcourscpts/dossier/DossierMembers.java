package fr.parcourscpts.dossier;

import java.time.OffsetDateTime;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Who may act for a dossier: its porteur and the co-porteurs they invited. The portal
 * asks it before every read or write of a dossier; notifications ask it who the porteurs
 * of a dossier are. Users are Camunda user ids.
 */
@Service
public class DossierMembers {

	/** The role of a member. */
	public enum Role {

		/** Deposited the lettre d'intention; the process's {@code porteur}. */
		PORTEUR,
		/** Invited by the porteur; acts for the dossier like them. */
		CO_PORTEUR

	}

	private final JdbcClient jdbc;

	public DossierMembers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Transactional
	public void add(long dossierId, String userId, Role role) {
		if (isMember(dossierId, userId)) {
			return;
		}
		this.jdbc.sql(
				"insert into dossier_membre (dossier_id, utilisateur, role, added_at) values (:dossier, :user, :role, :at)")
			.param("dossier", dossierId)
			.param("user", userId)
			.param("role", role.name())
			.param("at", OffsetDateTime.now())
			.update();
	}

	public boolean isMember(long dossierId, String userId) {
		return this.jdbc.sql("select count(*) from dossier_membre where dossier_id = :dossier and utilisateur = :user")
			.param("dossier", dossierId)
			.param("user", userId)
			.query(Integer.class)
			.single() > 0;
	}

	/** The dossiers a user may act for, newest first. */
	public List<Long> dossiersOf(String userId) {
		return this.jdbc.sql("select dossier_id from dossier_membre where utilisateur = :user order by dossier_id desc")
			.param("user", userId)
			.query(Long.class)
			.list();
	}

	/** The members of a dossier, the porteur first. */
	public List<String> membersOf(long dossierId) {
		return this.jdbc
			.sql("select utilisateur from dossier_membre where dossier_id = :dossier order by role desc, added_at")
			.param("dossier", dossierId)
			.query(String.class)
			.list();
	}

}
