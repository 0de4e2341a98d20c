package fr.parcourscpts.contrat;

import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * The mission calendar of the ACI (months after the contract's effective date to start
 * and to fully deploy each mission) and the dates it gives for one contract. The socle
 * missions follow the ACI (accès aux soins 6/18, parcours 12/24, prévention 12/24, crises
 * sanitaires 6/18); the ACI leaves the optional missions free, so their default (12/24)
 * is only a proposal. Override with
 * {@code parcours.calendrier-missions.jalons.<MISSION>.mois-demarrage} and
 * {@code .mois-deploiement}.
 */
@Component("calendrierMissions")
@ConfigurationProperties(prefix = "parcours.calendrier-missions")
public class CalendrierMissions {

	private final Map<Mission, Jalons> jalons = new EnumMap<>(Mission.class);

	public CalendrierMissions() {
		this.jalons.put(Mission.ACCES_SOINS, new Jalons(6, 18));
		this.jalons.put(Mission.PARCOURS, new Jalons(12, 24));
		this.jalons.put(Mission.PREVENTION, new Jalons(12, 24));
		this.jalons.put(Mission.CRISES_SANITAIRES, new Jalons(6, 18));
		this.jalons.put(Mission.QUALITE, new Jalons(12, 24));
		this.jalons.put(Mission.ACCOMPAGNEMENT, new Jalons(12, 24));
	}

	public Map<Mission, Jalons> getJalons() {
		return this.jalons;
	}

	/**
	 * The start and deployment dates of each mission of a contract.
	 * @param dateEffet the contract's effective date
	 * @param missions the retained missions
	 * @return one plan per mission, in the order of {@link Mission}
	 */
	public List<PlanMission> planifier(LocalDate dateEffet, Collection<Mission> missions) {
		return missions.stream().sorted().map((mission) -> {
			Jalons jalonsMission = this.jalons.get(mission);
			if (jalonsMission == null) {
				throw new IllegalStateException("Pas de calendrier configuré pour la mission " + mission);
			}
			return new PlanMission(mission, dateEffet.plusMonths(jalonsMission.moisDemarrage()),
					dateEffet.plusMonths(jalonsMission.moisDeploiement()));
		}).toList();
	}

	/**
	 * The dates of one mission.
	 *
	 * @param mission the mission
	 * @param dateDemarrage when it must have started
	 * @param dateDeploiement when it must be fully deployed
	 */
	public record PlanMission(Mission mission, LocalDate dateDemarrage, LocalDate dateDeploiement) {
	}

}
