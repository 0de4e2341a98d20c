package fr.parcourscpts.identity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

import fr.parcourscpts.territoire.ParcoursRegionaux;

/**
 * The demo accounts of a first run: in each demo region, one agent per institution, one
 * porteur and one regional administrator, all with the demo password. They exist only in
 * the {@code demo} profile, and the service refuses to start with both {@code demo} and
 * {@code postgres}: demo accounts never reach a production database.
 */
@Component
@Profile("demo")
@Order(IdentitySetup.ORDER + 1)
class DemoIdentities implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(DemoIdentities.class);

	private final IdentityService identityService;

	private final String password;

	private final List<Region> regions;

	private final ParcoursRegionaux parcours;

	DemoIdentities(IdentityService identityService, Environment environment,
			@Value("${parcours.demo.password}") String password, @Value("${parcours.demo.regions}") String regions,
			ParcoursRegionaux parcours) {
		if (environment.acceptsProfiles(Profiles.of("postgres"))) {
			throw new IllegalStateException(
					"Le profil demo ne peut pas être actif avec le profil postgres : les comptes de démonstration "
							+ "ne doivent jamais exister sur une base de production.");
		}
		this.identityService = identityService;
		this.password = password;
		this.parcours = parcours;
		this.regions = Arrays.stream(regions.split(","))
			.map(String::trim)
			.map((code) -> Region.ofCode(code)
				.orElseThrow(() -> new IllegalArgumentException("Code région INSEE inconnu : " + code)))
			.toList();
	}

	/** The demo user id of an institution in a region, e.g. {@code ars.76}. */
	public static String userId(Institution institution, Region region) {
		String prefix = switch (institution) {
			case GUICHET_CPTS -> "guichet";
			case PORTEURS -> "porteur";
			case ADMINISTRATEURS -> "admin";
			default -> institution.groupId();
		};
		return prefix + "." + region.code();
	}

	/**
	 * Accompanying structures have accounts only in the regions whose path names them
	 * (decision {@code parcours-regional}); every other institution is in every region.
	 */
	boolean existeDans(Institution institution, Region region) {
		boolean accompagne = institution.kind() == Institution.Kind.UNION_URPS
				|| institution.kind() == Institution.Kind.ACCOMPAGNEMENT;
		return !accompagne || this.parcours.deRegion(region.code()).structure(institution.groupId()).isPresent();
	}

	@Override
	public void run(ApplicationArguments args) {
		List<String> created = new ArrayList<>();
		for (Region region : this.regions) {
			for (Institution institution : Institution.values()) {
				if (!existeDans(institution, region)) {
					continue;
				}
				String userId = userId(institution, region);
				if (this.identityService.createUserQuery().userId(userId).count() > 0) {
					continue;
				}
				User user = this.identityService.newUser(userId);
				user.setFirstName(institution.label());
				user.setLastName(region.label());
				user.setEmail(userId + "@demo.parcours-cpts.fr");
				user.setPassword(this.password);
				this.identityService.saveUser(user);
				this.identityService.createMembership(userId, institution.groupId());
				this.identityService.createTenantUserMembership(region.code(), userId);
				created.add(userId);
			}
		}
		if (!created.isEmpty()) {
			logger.info("Demo accounts created ({}): {}", created.size(), created);
		}
	}

}
