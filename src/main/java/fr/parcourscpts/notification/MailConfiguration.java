package fr.parcourscpts.notification;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.impl.jobexecutor.JobHandler;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.thymeleaf.spring6.templateresolver.SpringResourceTemplateResolver;
import org.thymeleaf.templatemode.TemplateMode;

/**
 * The outbox's configuration: its properties, the scheduler of the sender job, and the
 * Thymeleaf resolver of the plain-text mail bodies ({@code templates/mail/*.txt}), which
 * Spring Boot's own resolver (HTML only) would not find, and the engine's job handler of
 * the work done after a step's commit.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CourrielsProperties.class)
@EnableScheduling
class MailConfiguration {

	/**
	 * JavaMail waits forever by default: a silent SMTP server would hold the sender job
	 * (and the row it locked) for good. Ten seconds unless {@code spring.mail.properties}
	 * say otherwise.
	 */
	@Bean
	static BeanPostProcessor smtpTimeouts() {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof JavaMailSenderImpl sender) {
					Properties properties = sender.getJavaMailProperties();
					for (String key : new String[] { "mail.smtp.connectiontimeout", "mail.smtp.timeout",
							"mail.smtp.writetimeout" }) {
						properties.putIfAbsent(key, "10000");
					}
				}
				return bean;
			}
		};
	}

	/**
	 * The engine runs the jobs of {@link ProductionsApresCommit} (mails and receipts of a
	 * new task, after the commit of the request that created it).
	 */
	@Bean
	ProcessEnginePlugin productionsApresCommitPlugin(ProductionsApresCommit productions) {
		return new AbstractProcessEnginePlugin() {
			@Override
			public void preInit(ProcessEngineConfigurationImpl configuration) {
				List<JobHandler> handlers = (configuration.getCustomJobHandlers() != null)
						? new ArrayList<>(configuration.getCustomJobHandlers()) : new ArrayList<>();
				handlers.add(productions);
				configuration.setCustomJobHandlers(handlers);
			}
		};
	}

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
