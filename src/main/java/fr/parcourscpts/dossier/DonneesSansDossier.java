package fr.parcourscpts.dossier;

import java.time.Instant;
import java.util.Map;

/**
 * What a module keeps about no dossier (the mails of the accounts: creation, password
 * reset) and removes when its own retention has passed, in the nightly run of
 * {@code PurgeDossiers}, after the dossiers; the counts go into the same record of the
 * run. Each module decides its retention and deletes only its own rows.
 */
public interface DonneesSansDossier {

	/**
	 * Deletes the rows whose retention has passed at {@code maintenant}, in the caller's
	 * transaction.
	 * @return the rows deleted, per table (names that do not clash with
	 * {@link DonneesDossier#tables()}: the run's detail adds them up)
	 */
	Map<String, Integer> purger(Instant maintenant);

}
