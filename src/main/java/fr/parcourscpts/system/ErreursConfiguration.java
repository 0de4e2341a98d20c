package fr.parcourscpts.system;

import jakarta.servlet.DispatcherType;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The filter that must run before every other, on the request and on its error page. */
@Configuration(proxyBeanMethods = false)
class ErreursConfiguration {

	@Bean
	FilterRegistrationBean<MultipartSansDelimiteurFilter> multipartSansDelimiteurFilter() {
		FilterRegistrationBean<MultipartSansDelimiteurFilter> registration = new FilterRegistrationBean<>(
				new MultipartSansDelimiteurFilter());
		registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ERROR);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

}
