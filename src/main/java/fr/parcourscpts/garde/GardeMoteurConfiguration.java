package fr.parcourscpts.garde;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Installs the guard in both of the engine's command executors. */
@Configuration(proxyBeanMethods = false)
class GardeMoteurConfiguration {

	@Bean
	static ProcessEnginePlugin gardeMoteurPlugin(ObjectProvider<ControleSorties> controles) {
		// One interceptor per executor (an interceptor knows its successor), one cache.
		Map<String, SortiesDeclarees> formulaires = new ConcurrentHashMap<>();
		Supplier<List<ControleSorties>> regles = () -> controles.orderedStream().toList();
		return new AbstractProcessEnginePlugin() {
			@Override
			public void preInit(ProcessEngineConfigurationImpl configuration) {
				configuration.setCustomPostCommandInterceptorsTxRequired(
						append(configuration.getCustomPostCommandInterceptorsTxRequired(),
								new GardeMoteur(regles, formulaires)));
				configuration.setCustomPostCommandInterceptorsTxRequiresNew(
						append(configuration.getCustomPostCommandInterceptorsTxRequiresNew(),
								new GardeMoteur(regles, formulaires)));
			}
		};
	}

	private static List<CommandInterceptor> append(List<CommandInterceptor> interceptors, CommandInterceptor garde) {
		List<CommandInterceptor> all = (interceptors != null) ? new ArrayList<>(interceptors) : new ArrayList<>();
		all.add(garde);
		return all;
	}

}
