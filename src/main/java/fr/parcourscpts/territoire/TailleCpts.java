package fr.parcourscpts.territoire;

/**
 * The size class of a CPTS, by the population of its territory; it fixes the funding of
 * the ACI contract. The thresholds are in the decision table {@code taille-cpts} (see
 * {@link ReglesTaille}).
 */
public enum TailleCpts {

	TAILLE_1(1), TAILLE_2(2), TAILLE_3(3), TAILLE_4(4);

	private final int numero;

	TailleCpts(int numero) {
		this.numero = numero;
	}

	/** 1 to 4, as the ACI numbers them. */
	public int numero() {
		return this.numero;
	}

}
