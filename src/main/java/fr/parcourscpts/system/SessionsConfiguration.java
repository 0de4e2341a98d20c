package fr.parcourscpts.system;

import java.time.Duration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.web.http.CookieHttpSessionIdResolver;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;
import org.springframework.session.web.http.SessionRepositoryFilter;

/**
 * The servlet filter of Spring Session reads and writes the sessions through
 * {@link SparseTouchSessionRepository}, in front of Spring Boot's JDBC store. A second
 * {@code SessionRepository} bean would make Spring Boot's session configuration back off,
 * so the filter is replaced instead, with the cookie settings Spring Boot made
 * ({@code server.servlet.session.cookie.*}).
 */
@Configuration(proxyBeanMethods = false)
class SessionsConfiguration {

	/** How far apart the recorded last access times of a session are at least. */
	static final Duration STEP = Duration.ofSeconds(60);

	@Bean
	static BeanPostProcessor sparseTouchSessions(ObjectProvider<JdbcIndexedSessionRepository> jdbc,
			ObjectProvider<CookieSerializer> cookies) {
		return new BeanPostProcessor() {
			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (!(bean instanceof SessionRepositoryFilter<?>)) {
					return bean;
				}
				JdbcIndexedSessionRepository store = jdbc.getIfAvailable();
				if (store == null) {
					return bean;
				}
				SessionRepositoryFilter<?> filter = new SessionRepositoryFilter<>(
						new SparseTouchSessionRepository<>(store, STEP));
				CookieHttpSessionIdResolver resolver = new CookieHttpSessionIdResolver();
				resolver.setCookieSerializer(cookies.getIfAvailable(DefaultCookieSerializer::new));
				filter.setHttpSessionIdResolver(resolver);
				return filter;
			}
		};
	}

}
