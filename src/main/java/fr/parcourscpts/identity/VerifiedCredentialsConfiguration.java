package fr.parcourscpts.identity;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cache of verified logins and the engine's identity store that keeps it true (issue
 * 12).
 */
@Configuration(proxyBeanMethods = false)
class VerifiedCredentialsConfiguration {

	@Bean
	static VerifiedCredentials verifiedCredentials(VerifiedCredentialsProperties properties) {
		return new VerifiedCredentials(properties);
	}

	@Bean
	static ProcessEnginePlugin evictingIdentityProviderPlugin(VerifiedCredentials credentials) {
		return new AbstractProcessEnginePlugin() {
			@Override
			public void preInit(ProcessEngineConfigurationImpl configuration) {
				configuration.setIdentityProviderSessionFactory(new EvictingIdentityProvider.Factory(credentials));
			}
		};
	}

}
