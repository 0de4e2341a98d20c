package fr.parcourscpts.notification;

import java.util.Set;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * The outbox's configuration: its properties, the scheduler of the sender job, and the
 * Thymeleaf resolver of the plain-text mail bodies ({@code templates/mail/*.txt}), which
 * Spring Boot's own resolver (HTML only) would not find.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CourrielsProperties.class)
@EnableScheduling
class MailConfiguration {

	@Bean
	SpringResourceTemplateResolver mailTextTemplateResolver(ApplicationContext context) {
		SpringResourceTemplateResolver resolver = new SpringResourceTemplateResolver();
		resolver.setApplicationContext(context);
		resolver.setPrefix("classpath:/templates/");
		resolver.setTemplateMode(TemplateMode.TEXT);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setResolvablePatterns(Set.of("mail/*.txt"));
		resolver.setCheckExistence(true);
		// Before Spring Boot's HTML resolver, which would claim every name.
		resolver.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return resolver;
	}

}
