package fr.parcourscpts.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import fr.parcourscpts.territoire.ParcoursRegional;
import fr.parcourscpts.territoire.ParcoursRegionaux;

/**
 * Checks at start the path of each of the 18 regions (decision {@code parcours-regional}
 * as deployed): a configuration error stops the service with a message naming the region,
 * rather than a dossier that waits for a group that does not exist.
 */
@Component
@Order(IdentitySetup.ORDER)
class ParcoursRegionauxVerifies implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(ParcoursRegionauxVerifies.class);

	private final ParcoursRegionaux parcours;

	ParcoursRegionauxVerifies(ParcoursRegionaux parcours) {
		this.parcours = parcours;
	}

	@Override
	public void run(ApplicationArguments args) {
		StringBuilder resume = new StringBuilder();
		for (Region region : Region.values()) {
			ParcoursRegional unParcours = this.parcours.verifier(region.code());
			for (ParcoursRegional.Structure structure : unParcours.structures()) {
				if (Institution.ofGroupId(structure.groupe()).isEmpty()) {
					throw new IllegalStateException("Parcours de la région " + region.code()
							+ " : structure d'accompagnement sans groupe connu « " + structure.groupe() + " »");
				}
			}
			resume.append(' ')
				.append(region.code())
				.append('=')
				.append(unParcours.destinataireLettre())
				.append('/')
				.append(unParcours.consultationUrps());
		}
		logger.info("Regional paths:{}", resume);
	}

}
