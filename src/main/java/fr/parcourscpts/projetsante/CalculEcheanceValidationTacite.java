package fr.parcourscpts.projetsante;

import java.time.LocalDate;
import java.util.Date;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import fr.parcourscpts.dossier.DatesLegales;
import fr.parcourscpts.intention.CreationProcess;
import fr.parcourscpts.intention.DelaisCreation;

/**
 * Service task {@code calculerEcheanceValidationTacite}, run at each deposit of the
 * projet de santé: the first one, and each return after a correction. Sets
 * {@code dateDepotProjetSante} (when the clock started), {@code dateValidationTacite}
 * (read by the timer of {@code instruireProjetSante}) and
 * {@code dateRappelValidationTacite}.
 */
@Component("calculEcheanceValidationTacite")
public class CalculEcheanceValidationTacite implements JavaDelegate {

	/** {@code typeCorrection}: an incorrect item, the clock is suspended. */
	public static final String INCORRECT = "incorrect";

	/** {@code typeCorrection}: an incomplete dossier, the clock restarts. */
	public static final String INCOMPLET = "incomplet";

	private final DelaisCreation delais;

	public CalculEcheanceValidationTacite(DelaisCreation delais) {
		this.delais = delais;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Date maintenant = ClockUtil.getCurrentTime();
		LocalDate dernierJour;
		boolean correction = "correction".equals(execution.getVariable(CreationProcess.DECISION_PROJET));
		if (correction && INCORRECT.equals(execution.getVariable(CreationProcess.TYPE_CORRECTION))) {
			LocalDate ancien = DatesLegales.jour((Date) execution.getVariable(CreationProcess.DATE_VALIDATION_TACITE));
			Date ouverture = (Date) execution.getVariable(CreationProcess.DATE_DEMANDE_CORRECTION);
			dernierJour = EcheanceValidationTacite.apresSuspension(ancien, ouverture, maintenant);
		}
		else {
			dernierJour = EcheanceValidationTacite.depuisDepot(maintenant, this.delais.getValidationTacite());
			execution.setVariable(CreationProcess.DATE_DEPOT_PROJET_SANTE, maintenant);
		}
		// The last day, as people see it, and the end of it, when the timer is due.
		execution.setVariable(CreationProcess.DATE_VALIDATION_TACITE, DatesLegales.midi(dernierJour));
		execution.setVariable(CreationProcess.ECHEANCE_VALIDATION_TACITE, DatesLegales.finDuJour(dernierJour));
		execution.setVariable(CreationProcess.VALIDATION_TACITE_EN_PAUSE, false);
		execution.setVariable(CreationProcess.DATE_RAPPEL_VALIDATION_TACITE,
				EcheanceValidationTacite.rappel(dernierJour, this.delais.getRappelValidationTacite()));
	}

}
