package fr.parcourscpts.contrat;

import java.util.Collection;
import java.util.Map;

/**
 * The annual funding of a contract, from the amounts of the DMN table
 * {@code financement-cpts} for its size class and the missions the CPAM retained: the
 * fixed part is the operating budget plus the fixed part of each retained mission, the
 * variable part (paid on the indicators) the sum of their variable parts.
 *
 * @param partFixe euros per year
 * @param partVariable euros per year, at 100 % achievement
 */
public record FinancementContrat(long partFixe, long partVariable) {

	/**
	 * @param montantFonctionnement the operating budget of the size class
	 * @param montants the amounts per mission, by variable name ({@code fixeAccesSoins},
	 * {@code variableAccesSoins}...)
	 * @param missions the retained missions
	 * @return the funding
	 */
	public static FinancementContrat calculer(long montantFonctionnement, Map<String, ? extends Number> montants,
			Collection<Mission> missions) {
		long fixe = montantFonctionnement;
		long variable = 0;
		for (Mission mission : missions) {
			fixe += montant(montants, ContratProcess.FIXE + mission.code());
			variable += montant(montants, ContratProcess.VARIABLE + mission.code());
		}
		return new FinancementContrat(fixe, variable);
	}

	private static long montant(Map<String, ? extends Number> montants, String name) {
		Number montant = montants.get(name);
		if (montant == null) {
			throw new IllegalStateException("Montant absent du barème de financement : " + name);
		}
		return montant.longValue();
	}

}
