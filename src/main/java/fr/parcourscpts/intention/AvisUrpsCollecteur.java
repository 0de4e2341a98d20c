package fr.parcourscpts.intention;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import fr.parcourscpts.dossier.DecisionRecorder;

/**
 * Gives the multi-instance subprocess {@code recueillirAvisUrps} its collection (the ten
 * URPS group ids, {@code ${avisUrpsCollecteur.urps()}}) and, as its {@code end} listener,
 * merges the opinion of each instance into the process variable
 * {@value CreationProcess#AVIS_URPS}. An instance that ended without opinion (deadline
 * passed) is recorded {@value AvisUrps#SANS_AVIS} on every criterion.
 */
@Component("avisUrpsCollecteur")
public class AvisUrpsCollecteur implements ExecutionListener {

	private static final List<String> CHAMPS = List.of(CreationProcess.CRITERE_MISSIONS,
			CreationProcess.COMMENTAIRE_MISSIONS, CreationProcess.CRITERE_MOBILISATION,
			CreationProcess.COMMENTAIRE_MOBILISATION, CreationProcess.CRITERE_TERRITOIRE,
			CreationProcess.COMMENTAIRE_TERRITOIRE, CreationProcess.AVIS_GLOBAL);

	public List<String> urps() {
		return AvisUrps.urps();
	}

	@Override
	public void notify(DelegateExecution execution) {
		if (execution.isCanceled()) {
			// an abandoned dossier keeps the opinions it had: nothing to merge
			return;
		}
		String urps = (String) execution.getVariable(CreationProcess.URPS);
		Map<String, String> avis = new LinkedHashMap<>();
		boolean rendu = execution.getVariableLocal(CreationProcess.AVIS_GLOBAL) != null
				&& !AvisUrps.SANS_AVIS.equals(execution.getVariableLocal(CreationProcess.AVIS_GLOBAL));
		for (String champ : CHAMPS) {
			Object valeur = execution.getVariableLocal(champ);
			if (rendu) {
				avis.put(champ, (valeur != null) ? valeur.toString() : null);
			}
			else if (AvisUrps.CRITERES.contains(champ) || CreationProcess.AVIS_GLOBAL.equals(champ)) {
				avis.put(champ, AvisUrps.SANS_AVIS);
			}
		}
		String decideur = CreationProcess.RENDRE_AVIS_URPS + DecisionRecorder.PAR;
		if (rendu && execution.getVariableLocal(decideur) != null) {
			avis.put("decidePar", execution.getVariableLocal(decideur).toString());
		}
		DelegateExecution processInstance = execution.getProcessInstance();
		Map<String, Map<String, String>> tous = AvisUrps
			.lire((String) processInstance.getVariable(CreationProcess.AVIS_URPS));
		tous.put(urps, avis);
		processInstance.setVariable(CreationProcess.AVIS_URPS, AvisUrps.ecrire(tous));
		processInstance.setVariable(CreationProcess.SYNTHESE_AVIS_URPS, AvisUrps.synthese(tous));
	}

}
