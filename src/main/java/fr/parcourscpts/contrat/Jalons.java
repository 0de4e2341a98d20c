package fr.parcourscpts.contrat;

/**
 * When a mission must start and be fully deployed, in months after the contract's
 * effective date.
 *
 * @param moisDemarrage months to start
 * @param moisDeploiement months to full deployment
 */
public record Jalons(int moisDemarrage, int moisDeploiement) {

	public Jalons {
		if (moisDemarrage < 0 || moisDeploiement < moisDemarrage) {
			throw new IllegalArgumentException(
					"Calendrier de mission incohérent : " + moisDemarrage + " / " + moisDeploiement + " mois");
		}
	}

}
