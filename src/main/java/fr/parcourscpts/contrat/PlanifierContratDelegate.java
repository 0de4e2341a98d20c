package fr.parcourscpts.contrat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * Once the CPAM has prepared the contract: the retained missions, the annual fixed and
 * variable parts ({@link FinancementContrat}) and the start and deployment date of each
 * mission ({@link CalendrierMissions}), as process variables the forms and the
 * evaluations read.
 */
@Component("planificationContrat")
public class PlanifierContratDelegate implements JavaDelegate {

	private final CalendrierMissions calendrier;

	public PlanifierContratDelegate(CalendrierMissions calendrier) {
		this.calendrier = calendrier;
	}

	@Override
	public void execute(DelegateExecution execution) {
		List<Mission> missions = missionsRetenues(execution);
		LocalDate dateEffet = DatesContrat.toLocalDate(execution.getVariable(ContratProcess.DATE_EFFET_CONTRAT));
		Map<String, Number> montants = new HashMap<>();
		for (Mission mission : missions) {
			montants.put(ContratProcess.FIXE + mission.code(),
					(Number) execution.getVariable(ContratProcess.FIXE + mission.code()));
			montants.put(ContratProcess.VARIABLE + mission.code(),
					(Number) execution.getVariable(ContratProcess.VARIABLE + mission.code()));
		}
		Number fonctionnement = (Number) execution.getVariable(ContratProcess.MONTANT_FONCTIONNEMENT);
		FinancementContrat financement = FinancementContrat.calculer(fonctionnement.longValue(), montants, missions);

		execution.setVariable(ContratProcess.DATE_EFFET_CONTRAT, DatesContrat.toDate(dateEffet));
		execution.setVariable(ContratProcess.DATE_FIN_CONTRAT,
				DatesContrat.toDate(dateEffet.plusYears(DatesContrat.DUREE_CONTRAT_ANNEES)));
		execution.setVariable(ContratProcess.MISSIONS_RETENUES,
				missions.stream().map(Mission::code).collect(Collectors.joining(",")));
		execution.setVariable(ContratProcess.PART_FIXE, financement.partFixe());
		execution.setVariable(ContratProcess.PART_VARIABLE, financement.partVariable());
		for (CalendrierMissions.PlanMission plan : this.calendrier.planifier(dateEffet, missions)) {
			execution.setVariable(ContratProcess.DATE_DEMARRAGE + plan.mission().code(),
					DatesContrat.toDate(plan.dateDemarrage()));
			execution.setVariable(ContratProcess.DATE_DEPLOIEMENT + plan.mission().code(),
					DatesContrat.toDate(plan.dateDeploiement()));
		}
	}

	/** The socle missions, always, and the optional ones the CPAM ticked. */
	static List<Mission> missionsRetenues(DelegateExecution execution) {
		List<Mission> missions = new ArrayList<>();
		for (Mission mission : Mission.values()) {
			if (mission.socle() || Boolean.TRUE.equals(execution.getVariable(mission.choixVariable()))) {
				missions.add(mission);
			}
		}
		return missions;
	}

}
