package fr.parcourscpts.system;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.history.HistoryLevel;
import org.camunda.bpm.engine.impl.history.HistoryLevelFull;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEventType;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * History {@code full} except for the task-local display variables
 * ({@link LibellesFormulaires} and the filters' columns of
 * {@code identity/TaskListVariables}): they are copies, recomputed from the process state
 * at each task's creation, with no audit value, and with history {@code full} each one
 * cost a row of {@code ACT_HI_VARINST} and one of {@code ACT_HI_DETAIL} besides its
 * runtime row (issue 12, P1). The process variables they are made from keep their whole
 * history.
 *
 * <p>
 * Its id is the one of {@code full} (3), on purpose: the engine stores the id in
 * {@code ACT_GE_PROPERTY} and refuses to start when the configured id differs, so a
 * database made with {@code full} starts with this level and back, without migration;
 * what the engine and the webapps test of the level is its id ({@code
 * ManagementService#getHistoryLevel}) or that it is not {@code none}. Selected by
 * {@code camunda.bpm.history-level: full-sans-affichage}.
 */
class HistoriqueSansAffichage extends HistoryLevelFull {

	static final String NAME = "full-sans-affichage";

	/** The filters' columns (identity/TaskListVariables), copies of the dossier's. */
	static final Set<String> COLONNES_DES_FILTRES = Set.of("dossierReference", "dossierNomCpts");

	private final Set<String> sansHistorique;

	HistoriqueSansAffichage(Set<String> sansHistorique) {
		this.sansHistorique = Set.copyOf(sansHistorique);
	}

	/** Every variable that {@link LibellesFormulaires} may write, and the filters'. */
	static Set<String> variablesAffichees() {
		Set<String> noms = new HashSet<>(COLONNES_DES_FILTRES);
		noms.addAll(LibellesFormulaires.noms());
		return noms;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean isHistoryEventProduced(HistoryEventType eventType, Object entity) {
		// only a task's own variable of a display name: a process variable of the same
		// name, if one ever existed, keeps its history
		if (entity instanceof VariableInstanceEntity variable) {
			return variable.getTaskId() == null || !this.sansHistorique.contains(variable.getName());
		}
		if (entity instanceof HistoricVariableUpdateEventEntity update) {
			return update.getTaskId() == null || !this.sansHistorique.contains(update.getVariableName());
		}
		return true;
	}

	@Configuration(proxyBeanMethods = false)
	static class Enregistrement {

		// registered before the engine picks its level by the name of history-level
		@Bean
		static ProcessEnginePlugin historiqueSansAffichagePlugin() {
			return new AbstractProcessEnginePlugin() {
				@Override
				public void preInit(ProcessEngineConfigurationImpl configuration) {
					List<HistoryLevel> levels = (configuration.getCustomHistoryLevels() != null)
							? new ArrayList<>(configuration.getCustomHistoryLevels()) : new ArrayList<>();
					levels.add(new HistoriqueSansAffichage(variablesAffichees()));
					configuration.setCustomHistoryLevels(levels);
				}
			};
		}

	}

}
