package fr.parcourscpts.contrat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import fr.parcourscpts.contrat.CalendrierMissions.PlanMission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CalendrierMissionsTest {

	private final CalendrierMissions calendrier = new CalendrierMissions();

	@Test
	void socleMissionsFollowTheAciCalendarFromTheEffectiveDate() {
		List<PlanMission> plan = this.calendrier.planifier(LocalDate.of(2026, 3, 1), Mission.socles());

		assertThat(plan).containsExactly(
				new PlanMission(Mission.ACCES_SOINS, LocalDate.of(2026, 9, 1), LocalDate.of(2027, 9, 1)),
				new PlanMission(Mission.PARCOURS, LocalDate.of(2027, 3, 1), LocalDate.of(2028, 3, 1)),
				new PlanMission(Mission.PREVENTION, LocalDate.of(2027, 3, 1), LocalDate.of(2028, 3, 1)),
				new PlanMission(Mission.CRISES_SANITAIRES, LocalDate.of(2026, 9, 1), LocalDate.of(2027, 9, 1)));
	}

	@Test
	void endOfMonthEffectiveDatesStayInTheTargetMonth() {
		List<PlanMission> plan = this.calendrier.planifier(LocalDate.of(2026, 8, 31), List.of(Mission.ACCES_SOINS));

		assertThat(plan.get(0).dateDemarrage()).isEqualTo(LocalDate.of(2027, 2, 28));
	}

	@Test
	void configuredMonthsReplaceTheDefaults() {
		this.calendrier.getJalons().put(Mission.QUALITE, new Jalons(3, 9));

		List<PlanMission> plan = this.calendrier.planifier(LocalDate.of(2026, 1, 1), List.of(Mission.QUALITE));

		assertThat(plan)
			.containsExactly(new PlanMission(Mission.QUALITE, LocalDate.of(2026, 4, 1), LocalDate.of(2026, 10, 1)));
	}

	@Test
	void aMissionCannotBeDeployedBeforeItStarts() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Jalons(12, 6));
	}

}
