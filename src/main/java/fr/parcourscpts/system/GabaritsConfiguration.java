package fr.parcourscpts.system;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.context.MessageSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.context.support.ReloadableResourceBundleMessageSource;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.cache.StandardCacheManager;

/**
 * Larger caches for Thymeleaf's one template engine, which renders the pages, the mails
 * and the official documents alike. Its defaults keep 200 parsed templates and 500 parsed
 * expressions, in all: the mails (about a hundred templates, each with its fragments) and
 * the documents rendered by the jobs pushed the pages' templates out, and the porteur's
 * dossier page under load parsed templates again on every few requests (docs/scale.md,
 * P4, "Rendering and the security chain"). The templates are the jar's: a few hundred
 * entries in all.
 * <p>
 * And one message source for the eleven bundles of {@code spring.messages.basename}:
 * Spring Boot's {@code ResourceBundleMessageSource} looks a {@code #{…}} up in each
 * bundle in turn until one has it (a page asks for dozens of them), where
 * {@link ReloadableResourceBundleMessageSource} with no reloading ({@code cacheMillis}
 * -1) merges them once per locale and answers from one map. The first bundle of the list
 * still wins, as before.
 */
@Configuration(proxyBeanMethods = false)
class GabaritsConfiguration {

	static final int GABARITS = 2000;

	static final int EXPRESSIONS = 20000;

	@Bean
	@ConfigurationProperties("spring.messages")
	MessageSourceProperties messageSourceProperties() {
		return new MessageSourceProperties();
	}

	/** Spring Boot's own message source backs off for a bean of this name. */
	@Bean(AbstractApplicationContext.MESSAGE_SOURCE_BEAN_NAME)
	MessageSource messageSource(MessageSourceProperties properties) {
		ReloadableResourceBundleMessageSource messages = new ReloadableResourceBundleMessageSource();
		messages.setBasenames(properties.getBasename()
			.stream()
			.map((basename) -> basename.contains(":") ? basename : "classpath:" + basename)
			.toArray(String[]::new));
		messages.setDefaultEncoding(properties.getEncoding().name());
		messages.setFallbackToSystemLocale(properties.isFallbackToSystemLocale());
		messages.setAlwaysUseMessageFormat(properties.isAlwaysUseMessageFormat());
		messages.setUseCodeAsDefaultMessage(properties.isUseCodeAsDefaultMessage());
		// the bundles are the jar's: merged once, never read again
		messages.setCacheMillis(-1);
		return messages;
	}

	@Bean
	static BeanPostProcessor cachesDesGabarits() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				// before the engine's first use, which freezes its configuration
				if (bean instanceof TemplateEngine engine && !engine.isInitialized()) {
					StandardCacheManager caches = new StandardCacheManager();
					caches.setTemplateCacheMaxSize(GABARITS);
					caches.setExpressionCacheMaxSize(EXPRESSIONS);
					engine.setCacheManager(caches);
				}
				return bean;
			}
		};
	}

}
