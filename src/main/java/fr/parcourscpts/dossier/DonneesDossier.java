package fr.parcourscpts.dossier;

import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What a module keeps of a dossier in its own tables, and how it leaves when the
 * dossier's retention has passed ({@code PurgeDossiers}). Each module that keeps rows of
 * a dossier implements it, so that the dossier module deletes no other module's rows
 * itself; {@code PurgeDossiersTest} fails when a table linked to a dossier is claimed by
 * no module. A module whose rows are those of one table, found by the dossier's reference
 * or id, declares them with {@link #parReference} or {@link #parDossierId}.
 */
public interface DonneesDossier {

	/** The tables whose rows of a dossier {@link #purger} deletes. */
	List<String> tables();

	/**
	 * Deletes the dossier's rows, in the caller's transaction.
	 * @return the rows deleted, per table
	 */
	Map<String, Integer> purger(Dossiers.Dossier dossier);

	/**
	 * A module's rows of one table, those whose {@code reference} column is the
	 * dossier's.
	 * @param table a table of the calling module, named in its code (never a user's
	 * input)
	 */
	static DonneesDossier parReference(JdbcClient jdbc, String table) {
		return new UneTable(jdbc, table, "reference", Dossiers.Dossier::reference);
	}

	/**
	 * A module's rows of one table, those whose {@code dossier_id} column is the
	 * dossier's.
	 * @param table a table of the calling module, named in its code (never a user's
	 * input)
	 */
	static DonneesDossier parDossierId(JdbcClient jdbc, String table) {
		return new UneTable(jdbc, table, "dossier_id", Dossiers.Dossier::id);
	}

}
