package fr.parcourscpts.garde;

import java.util.Map;

/**
 * The domain rules on what an agent's task may output, contributed by the module that
 * owns the task (the creation path, the contract, the evaluation). The guard calls every
 * rule before a task completes; a rule adds a French message per faulty field.
 */
public interface ControleSorties {

	/**
	 * Checks the outputs of a task about to be completed.
	 * @param tache the task's definition key
	 * @param sorties the values as they will be once the task completes
	 * @param erreurs field → French message, to add to
	 */
	void verifier(String tache, Sorties sorties, Map<String, String> erreurs);

	/** The values a task sees: what is submitted, else what the dossier holds. */
	interface Sorties {

		Object valeur(String nom);

		default String texte(String nom) {
			Object valeur = valeur(nom);
			return (valeur != null) ? valeur.toString().strip() : "";
		}

		default boolean vrai(String nom) {
			return Boolean.TRUE.equals(valeur(nom));
		}

	}

}
