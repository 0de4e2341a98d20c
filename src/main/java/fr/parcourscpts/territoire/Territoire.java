package fr.parcourscpts.territoire;

import java.util.List;
import java.util.Optional;

/**
 * A territory as a list of INSEE commune codes, with what the rules need to know of it.
 *
 * @param communes the known communes, in the order given, each once
 * @param unknownCodes the codes that match no current commune, in the order given
 * @param population the sum of the legal populations of the communes
 * @param regions the régions covered, by code
 * @param departements the départements covered, by code
 * @param tailleCpts the size class for that population
 * @param eligible whether the population reaches the minimum of a CPTS
 */
public record Territoire(List<Commune> communes, List<String> unknownCodes, long population, List<RegionInsee> regions,
		List<Departement> departements, TailleCpts tailleCpts, boolean eligible) {

	public Territoire {
		communes = List.copyOf(communes);
		unknownCodes = List.copyOf(unknownCodes);
		regions = List.copyOf(regions);
		departements = List.copyOf(departements);
	}

	/**
	 * The région of the territory, when it lies in exactly one: a CPTS depends on one
	 * ARS. Empty for an empty territory or one across a regional border.
	 */
	public Optional<RegionInsee> region() {
		return (this.regions.size() == 1) ? Optional.of(this.regions.get(0)) : Optional.empty();
	}

}
