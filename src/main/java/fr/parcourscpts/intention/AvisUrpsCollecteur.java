package fr.parcourscpts.intention;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import fr.parcourscpts.dossier.DecisionRecorder;
import fr.parcourscpts.identity.Institution;

/**
 * Gives the multi-instance subprocess {@code recueillirAvisUrps} its collection (the ten
 * URPS group ids, or the region's Inter-URPS:
 * {@code ${avisUrpsCollecteur.urps(consultationUrps)}}) and, as its {@code end} listener,
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

	/**
	 * The URPS heard on the lettre, as the region's path says
	 * ({@value CreationProcess#CONSULTATION_URPS}, decision {@code parcours-regional}).
	 * @param consultation {@value CreationProcess#CONSULTATION_DIX_URPS} or
	 * {@value CreationProcess#CONSULTATION_INTER_URPS}
	 * @return the ten URPS groups, or the one group of the region's Inter-URPS
	 */
	public List<String> urps(String consultation) {
		return switch (consultation) {
			case CreationProcess.CONSULTATION_DIX_URPS -> AvisUrps.urps();
			case CreationProcess.CONSULTATION_INTER_URPS -> List.of(Institution.INTER_URPS.groupId());
			default -> throw new IllegalStateException("Consultation des URPS inconnue : " + consultation);
		};
	}

	/**
	 * The opinion the ARS receives when it received the lettre itself (flow
	 * {@code siArsDestinataire}): the one opinion of the Inter-URPS as it gave it (the
	 * consolidation table is built for ten), otherwise the proposed
	 * {@value CreationProcess#AVIS_CONSOLIDE}.
	 * @param execution the flow's execution
	 * @return favorable, reserve or defavorable
	 */
	public String avisPourLArs(DelegateExecution execution) {
		Map<String, Map<String, String>> tous = AvisUrps
			.lire((String) execution.getVariable(CreationProcess.AVIS_URPS));
		String propose = (String) execution.getVariable(CreationProcess.AVIS_CONSOLIDE);
		if (tous.size() != 1) {
			return propose;
		}
		String seul = tous.values().iterator().next().get(CreationProcess.AVIS_GLOBAL);
		return (seul == null || AvisUrps.SANS_AVIS.equals(seul)) ? propose : seul;
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
