package fr.parcourscpts.evaluation;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Map;

/**
 * The payments of one contract year. Our reading of the ACI ("an advance of 75 %, then
 * the balance with the variable part"): the advance is a share ({@code tauxAvance}, 75 %
 * in the DMN table {@code paiement-annuel}) of the year's <em>fixed</em> part, due on the
 * anniversary; the balance is the rest of the fixed part plus, when the table says the
 * variable part is due, the variable part of each mission weighted by its achievement
 * rate (0..100 %, capped). Amounts in whole euros, rounded half up.
 *
 * @param avance the advance
 * @param partVariableVersee the variable part paid
 * @param solde the balance: remaining fixed part plus the variable part paid
 */
public record CalculPaiement(long avance, long partVariableVersee, long solde) {

	private static final BigDecimal CENT = BigDecimal.valueOf(100);

	/**
	 * @param partFixe the annual fixed part
	 * @param tauxAvance the share of the fixed part paid in advance (0..1)
	 * @param partVariableDue whether the variable part is paid this year
	 * @param variableParMission variable part of each retained mission (euros)
	 * @param tauxParMission achievement rate of each retained mission (0..100), same keys
	 * @return the payments
	 */
	public static CalculPaiement calculer(long partFixe, double tauxAvance, boolean partVariableDue,
			Map<String, ? extends Number> variableParMission, Map<String, ? extends Number> tauxParMission) {
		if (tauxAvance < 0 || tauxAvance > 1) {
			throw new IllegalArgumentException("Taux d'avance hors de [0, 1] : " + tauxAvance);
		}
		long avance = BigDecimal.valueOf(partFixe)
			.multiply(BigDecimal.valueOf(tauxAvance))
			.setScale(0, RoundingMode.HALF_UP)
			.longValueExact();
		BigDecimal variable = BigDecimal.ZERO;
		if (partVariableDue) {
			for (Map.Entry<String, ? extends Number> mission : variableParMission.entrySet()) {
				Number taux = tauxParMission.get(mission.getKey());
				if (taux == null) {
					throw new IllegalStateException("Taux d'atteinte absent pour la mission " + mission.getKey());
				}
				variable = variable.add(BigDecimal.valueOf(mission.getValue().longValue())
					.multiply(borne(BigDecimal.valueOf(taux.doubleValue())))
					.divide(CENT));
			}
		}
		long partVariableVersee = variable.setScale(0, RoundingMode.HALF_UP).longValueExact();
		return new CalculPaiement(avance, partVariableVersee, partFixe - avance + partVariableVersee);
	}

	private static BigDecimal borne(BigDecimal taux) {
		return taux.max(BigDecimal.ZERO).min(CENT);
	}

	/** Advance plus balance. */
	public long total() {
		return this.avance + this.solde;
	}

}
