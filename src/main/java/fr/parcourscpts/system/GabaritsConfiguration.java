package fr.parcourscpts.system;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 */
@Configuration(proxyBeanMethods = false)
class GabaritsConfiguration {

	static final int GABARITS = 2000;

	static final int EXPRESSIONS = 20000;

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
