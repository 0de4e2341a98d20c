package fr.parcourscpts.dossier;

import java.util.List;
import java.util.Map;

/**
 * What a module keeps of a dossier in its own tables, and how it leaves when the
 * dossier's retention has passed ({@code PurgeDossiers}). Each module that keeps rows of
 * a dossier implements it, so that the dossier module deletes no other module's rows
 * itself; {@code PurgeDossiersTest} fails when a table linked to a dossier is claimed by
 * no module.
 */
public interface DonneesDossier {

	/** The tables whose rows of a dossier {@link #purger} deletes. */
	List<String> tables();

	/**
	 * Deletes the dossier's rows, in the caller's transaction.
	 * @return the rows deleted, per table
	 */
	Map<String, Integer> purger(Dossiers.Dossier dossier);

}
