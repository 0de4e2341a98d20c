package fr.parcourscpts.dossier;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The read API of the lists: the sent dossiers of a region, those in which some
 * institutions have a part, matching a search, in one SQL query. The lists of the agents,
 * their exports and the statistics read the {@code dossier} table through it, never with
 * SQL of their own.
 *
 * <p>
 * One query for every dossier of the region, since the lists filter and sort on the state
 * of all of them: the département (a variable of the dossier's process) and whether its
 * process is still running come in the same row, from the engine's documented history and
 * runtime tables, indexed on the process instance. A part of an institution is a task
 * that was offered to one of its groups, open or done: the history keeps the candidate
 * links of every task of the dossier and of its called processes under the dossier's root
 * instance.
 */
@Service
public class RechercheDossiers {

	/** An IN list must not be empty: a group id nobody has. */
	private static final String AUCUN_GROUPE = "-";

	/**
	 * What to look for.
	 *
	 * @param region the region's code; the dossiers of no other region are read
	 * @param groupes the candidate groups of which one must have, or have had, a task of
	 * the dossier; {@code null} for every dossier of the region (its administrators)
	 * @param texte a part of the reference or of the CPTS's name, case ignored;
	 * {@code null} for any
	 * @param ouDossiers ids of dossiers that match the search too, whatever their
	 * reference and name (those whose territory holds the commune searched for)
	 */
	public record Recherche(String region, Set<String> groupes, String texte, Collection<Long> ouDossiers) {

		public Recherche {
			groupes = (groupes != null) ? Set.copyOf(groupes) : null;
			ouDossiers = (ouDossiers != null) ? List.copyOf(ouDossiers) : List.of();
		}

		/** Every sent dossier of the region. */
		public static Recherche region(String region) {
			return new Recherche(region, null, null, List.of());
		}

	}

	/**
	 * A sent dossier with what the lists show of it.
	 *
	 * @param departement the département of its territory, as the process carries it
	 * @param actif whether its process instance is still running
	 */
	public record DossierSuivi(long id, String reference, String nomCpts, OffsetDateTime deposeLe,
			String processInstanceId, String departement, boolean actif) {
	}

	private final JdbcClient jdbc;

	RechercheDossiers(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The sent dossiers (those with a process instance) that match, in no order. */
	@Transactional(readOnly = true)
	public List<DossierSuivi> recherche(Recherche recherche) {
		StringBuilder sql = new StringBuilder("""
				select d.id, d.reference, d.nom_cpts, d.created_at, d.process_instance_id,
				  (select max(v.TEXT_) from ACT_HI_VARINST v
				    where v.PROC_INST_ID_ = d.process_instance_id and v.NAME_ = 'departement') as departement,
				  (select count(*) from ACT_RU_EXECUTION e where e.ID_ = d.process_instance_id) as actif
				from dossier d
				where d.region = :region and d.process_instance_id is not null
				""");
		Map<String, Object> params = new HashMap<>();
		params.put("region", recherche.region());
		if (recherche.groupes() != null) {
			sql.append("""
					and exists (select 1 from ACT_HI_IDENTITYLINK l
					  where l.ROOT_PROC_INST_ID_ = d.process_instance_id and l.TYPE_ = 'candidate'
					    and l.OPERATION_TYPE_ = 'add' and l.GROUP_ID_ in (:groupes))
					""");
			params.put("groupes", recherche.groupes().isEmpty() ? List.of(AUCUN_GROUPE) : recherche.groupes());
		}
		if (recherche.texte() != null) {
			sql.append("and (lower(d.reference) like :motif escape '\\' or lower(d.nom_cpts) like :motif escape '\\'");
			params.put("motif", "%" + echapper(recherche.texte().toLowerCase(Locale.FRENCH)) + "%");
			if (!recherche.ouDossiers().isEmpty()) {
				sql.append(" or d.id in (:ids)");
				params.put("ids", recherche.ouDossiers());
			}
			sql.append(")\n");
		}
		return this.jdbc.sql(sql.toString())
			.params(params)
			.query((rs, row) -> new DossierSuivi(rs.getLong("id"), rs.getString("reference"), rs.getString("nom_cpts"),
					rs.getObject("created_at", OffsetDateTime.class), rs.getString("process_instance_id"),
					rs.getString("departement"), rs.getLong("actif") > 0))
			.list();
	}

	private static String echapper(String motif) {
		return motif.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

}
