package fr.parcourscpts.evaluation;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import fr.parcourscpts.contrat.ContratProcess;

/**
 * Computes the payments of the evaluated year ({@link CalculPaiement}) from the
 * contract's funding, the payment rules of the DMN table {@code paiement-annuel} and the
 * CPAM's achievement rates, for the missions listed in {@code missionsRetenues}.
 */
@Component("paiementAnnuel")
public class CalculerPaiementDelegate implements JavaDelegate {

	@Override
	public void execute(DelegateExecution execution) {
		Map<String, Number> variables = new HashMap<>();
		Map<String, Number> taux = new HashMap<>();
		String missions = (String) execution.getVariable(ContratProcess.MISSIONS_RETENUES);
		for (String mission : missions.split(",")) {
			variables.put(mission, nombre(execution, ContratProcess.VARIABLE + mission));
			taux.put(mission, nombre(execution, EvaluationProcess.TAUX + mission));
		}
		CalculPaiement paiement = CalculPaiement.calculer(nombre(execution, ContratProcess.PART_FIXE).longValue(),
				nombre(execution, EvaluationProcess.TAUX_AVANCE).doubleValue(),
				Boolean.TRUE.equals(execution.getVariable(EvaluationProcess.PART_VARIABLE_DUE)), variables, taux);
		execution.setVariable(EvaluationProcess.AVANCE, paiement.avance());
		execution.setVariable(EvaluationProcess.DATE_AVANCE,
				execution.getVariable(EvaluationProcess.DATE_ANNIVERSAIRE));
		execution.setVariable(EvaluationProcess.PART_VARIABLE_VERSEE, paiement.partVariableVersee());
		execution.setVariable(EvaluationProcess.SOLDE, paiement.solde());
		execution.setVariable(EvaluationProcess.TOTAL_ANNUEL, paiement.total());
	}

	private static Number nombre(DelegateExecution execution, String name) {
		Object value = execution.getVariable(name);
		if (value instanceof Number number) {
			return number;
		}
		throw new IllegalStateException("Nombre attendu dans la variable " + name + ", reçu : " + value);
	}

}
