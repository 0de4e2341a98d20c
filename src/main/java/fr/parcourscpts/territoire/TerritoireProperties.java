package fr.parcourscpts.territoire;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The population rules of a CPTS territory (DOMAIN.md, "Numbers and rules"), under
 * {@code parcours.territoire}. The defaults are those of the ACI: a minimum of 20,000
 * inhabitants; taille 1 below 40,000, taille 2 from 40,000 to 80,000, taille 3 from
 * 80,000 to 175,000, taille 4 above 175,000. Where a boundary falls is in each property's
 * name: 40,000 and 80,000 open taille 2 and taille 3 ({@code from}, inclusive) while
 * 175,000 is still taille 3 and taille 4 starts at 175,001 ({@code above}, exclusive).
 *
 * @param minimumPopulation the least population of an eligible territory (inclusive)
 * @param taille2From the least population of taille 2 (inclusive)
 * @param taille3From the least population of taille 3 (inclusive)
 * @param taille4Above the population above which taille 4 starts (exclusive)
 */
@ConfigurationProperties(prefix = "parcours.territoire")
record TerritoireProperties(@DefaultValue("20000") long minimumPopulation, @DefaultValue("40000") long taille2From,
		@DefaultValue("80000") long taille3From, @DefaultValue("175000") long taille4Above) {

	TerritoireProperties {
		if (minimumPopulation < 0 || taille2From <= 0 || taille3From <= taille2From || taille4Above < taille3From) {
			throw new IllegalArgumentException("parcours.territoire: expected 0 <= minimum-population and "
					+ "0 < taille2-from < taille3-from <= taille4-above, got " + minimumPopulation + ", " + taille2From
					+ ", " + taille3From + ", " + taille4Above);
		}
	}

	/** The ACI values, as when nothing is configured. */
	static TerritoireProperties defaults() {
		return new TerritoireProperties(20_000, 40_000, 80_000, 175_000);
	}

	TailleCpts taille(long population) {
		if (population > this.taille4Above) {
			return TailleCpts.TAILLE_4;
		}
		if (population >= this.taille3From) {
			return TailleCpts.TAILLE_3;
		}
		if (population >= this.taille2From) {
			return TailleCpts.TAILLE_2;
		}
		return TailleCpts.TAILLE_1;
	}

	boolean eligible(long population) {
		return population >= this.minimumPopulation;
	}

}
