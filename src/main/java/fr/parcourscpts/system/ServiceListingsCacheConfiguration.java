package fr.parcourscpts.system;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * {@link ServiceListingsCache} around the engine's REST API and the webapps, before their
 * own filters (the authentication filter of {@code /engine-rest} is the first to look the
 * engine up).
 */
@Configuration(proxyBeanMethods = false)
class ServiceListingsCacheConfiguration {

	@Bean
	FilterRegistrationBean<ServiceListingsCache> serviceListingsCache() {
		FilterRegistrationBean<ServiceListingsCache> registration = new FilterRegistrationBean<>(
				new ServiceListingsCache());
		registration.addUrlPatterns("/engine-rest/*", "/camunda/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
		return registration;
	}

}
