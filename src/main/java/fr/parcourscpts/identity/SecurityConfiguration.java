package fr.parcourscpts.identity;

import java.util.Map;
import java.util.function.Supplier;
import jakarta.servlet.http.HttpServletRequest;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.core.Authentication;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.ExceptionMappingAuthenticationFailureHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * One login for everything. Spring Security authenticates (form login for people, HTTP
 * Basic for the REST API) against the engine's identity store; Camunda's container-based
 * authentication then hands that principal to the webapps and the REST API, where the
 * engine's authorizations and tenant checks apply. An agent who logged in on the portal
 * opens Tasklist without logging in again.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	static final String LOGIN_PAGE = "/connexion";

	/** The engine's REST API: HTTP Basic, stateless, 401 for anonymous calls. */
	@Bean
	@Order(1)
	SecurityFilterChain engineRestSecurity(HttpSecurity http, LoginRefusals refusals) throws Exception {
		// A path matcher, not the MVC one: /engine-rest is Jersey's servlet, which Spring
		// MVC's
		// matcher does not see (the requests then fell through to the web chain and its
		// CSRF).
		http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher("/engine-rest/**"))
			.authorizeHttpRequests((requests) -> requests
				// It checks any user's password without the login throttle: a guessing
				// oracle.
				.requestMatchers(PathPatternRequestMatcher.withDefaults().matcher("/engine-rest/identity/verify"))
				.denyAll()
				.anyRequest()
				.access(SecurityConfiguration::notAPorteur))
			.httpBasic((basic) -> basic.authenticationEntryPoint(refusals.httpBasic("Parcours CPTS")))
			// sendError rather than a bare status: the error controller writes the French
			// {"message", "erreurs"} of the APIs (no WWW-Authenticate: no browser prompt)
			.exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(
					(request, response, exception) -> response.sendError(HttpStatus.UNAUTHORIZED.value())))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	/** The portal and the Camunda webapps share the session of the form login. */
	@Bean
	@Order(2)
	SecurityFilterChain applicationSecurity(HttpSecurity http, LoginRefusals refusals) throws Exception {
		http.authorizeHttpRequests((requests) -> requests
			.requestMatchers("/", LOGIN_PAGE, "/css/**", "/js/**", "/images/**", "/favicon.ico", "/error",
					"/actuator/health/**")
			.permitAll()
			// Porteur accounts: sign-up and its confirmation link, password reset, the
			// page an invitation link opens (accepting it needs a login).
			.requestMatchers("/inscription/**", "/mot-de-passe/**")
			.permitAll()
			// The footer pages of every public service (system/PagesDuSiteController).
			.requestMatchers("/accessibilite", "/mentions-legales", "/donnees-personnelles", "/plan-du-site")
			.permitAll()
			.requestMatchers(HttpMethod.GET, "/invitation")
			.permitAll()
			// The webapps' own login checks passwords without the login throttle; the
			// single login makes it useless.
			.requestMatchers(PathPatternRequestMatcher.withDefaults()
				.matcher(HttpMethod.POST, "/camunda/api/admin/auth/user/*/login/**"))
			.denyAll()
			// The mail outbox of the administrators (notification module).
			// Porteurs work through the portal only: neither the engine's API of the
			// webapps nor the webapps themselves (see EngineGuard for the engine's side).
			.requestMatchers(PathPatternRequestMatcher.withDefaults().matcher("/camunda/**"))
			.access(SecurityConfiguration::notAPorteur)
			.requestMatchers("/admin/**")
			.hasAnyAuthority("GROUP_camunda-admin", "GROUP_administrateurs")
			// The agents' workspace: agents of an institution and administrators (what
			// each sees of a dossier is checked per dossier, by region and institution).
			.requestMatchers("/agents/**", "/agents")
			.hasAnyAuthority(SecurityConfiguration.agentAuthorities())
			// The accompanying structures' pages: their members only (the invitation and
			// the region are checked per lettre)
			.requestMatchers("/accompagnement/**", "/accompagnement")
			.hasAnyAuthority(SecurityConfiguration.accompanyingAuthorities())
			// The porteurs' portal and its API: porteurs only (membership is checked per
			// dossier)
			.requestMatchers("/dossiers/**", "/api/portail/**")
			.hasAuthority("GROUP_porteurs")
			.anyRequest()
			.authenticated())
			.formLogin((form) -> form.loginPage(LOGIN_PAGE)
				.defaultSuccessUrl("/accueil")
				.failureHandler(refusals.formLogin(LOGIN_PAGE, loginFailureHandler()))
				.permitAll())
			.logout((logout) -> logout.logoutUrl("/deconnexion").logoutSuccessUrl("/?deconnecte").permitAll())
			// The Camunda webapps protect themselves with their own CSRF token filter.
			.csrf((csrf) -> csrf
				.ignoringRequestMatchers(PathPatternRequestMatcher.withDefaults().matcher("/camunda/**"))
				// A client of the portal's API sending its credentials on each call (HTTP
				// Basic) cannot be the victim of a cross-site request; in the browser's
				// session the token is still required.
				.ignoringRequestMatchers(SecurityConfiguration::portalApiWithBasicCredentials))
			.httpBasic((basic) -> basic.authenticationEntryPoint(refusals.httpBasic("Realm")))
			.headers(SecurityHeaders::configure);
		return http.build();
	}

	/**
	 * No Micrometer observation around Spring Security's filters, authentications and
	 * authorization decisions.
	 * {@code management.observations.enable.spring.security=false} only made those
	 * observations no-ops: the chain was still wrapped, filter by filter, in
	 * {@code ObservationFilterChainDecorator}, on every request (docs/scale.md, P4). With
	 * these settings Spring Security does not decorate its chain at all; no endpoint
	 * published those observations (health and info only).
	 */
	@Bean
	static SecurityObservationSettings noSecurityObservations() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * A refused account (see {@link LoginCheck}) gets its own message on the login page.
	 */
	private static AuthenticationFailureHandler loginFailureHandler() {
		ExceptionMappingAuthenticationFailureHandler handler = new ExceptionMappingAuthenticationFailureHandler();
		handler.setDefaultFailureUrl(LOGIN_PAGE + "?error");
		handler.setExceptionMappings(Map.of(DisabledException.class.getName(), LOGIN_PAGE + "?nonconfirme"));
		return handler;
	}

	/** The authorities of the agents' institutions and of the administrators. */
	static String[] agentAuthorities() {
		java.util.List<String> authorities = new java.util.ArrayList<>();
		for (Institution institution : Institution.values()) {
			if (institution.isAgent() || institution.kind() == Institution.Kind.ADMINISTRATOR) {
				authorities.add("GROUP_" + institution.groupId());
			}
		}
		authorities.add("GROUP_camunda-admin");
		return authorities.toArray(String[]::new);
	}

	/**
	 * The authorities of the groups that may accompany porteurs: the accompanying
	 * structures, the Inter-URPS, and the Guichet CPTS (which accompanies in its region).
	 * Which of them a region has is the decision {@code parcours-regional}'s.
	 */
	static String[] accompanyingAuthorities() {
		java.util.List<String> authorities = new java.util.ArrayList<>();
		for (Institution institution : Institution.values()) {
			if (institution.kind() == Institution.Kind.ACCOMPAGNEMENT
					|| institution.kind() == Institution.Kind.UNION_URPS || institution == Institution.GUICHET_CPTS) {
				authorities.add("GROUP_" + institution.groupId());
			}
		}
		return authorities.toArray(String[]::new);
	}

	/**
	 * An authenticated user who is not a porteur: porteurs never reach the engine's APIs,
	 * whatever task or tenant they have.
	 */
	static AuthorizationDecision notAPorteur(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		Authentication user = authentication.get();
		boolean allowed = user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken)
				&& user.getAuthorities()
					.stream()
					.noneMatch((authority) -> ("GROUP_" + Institution.PORTEURS.groupId())
						.equals(authority.getAuthority()));
		return new AuthorizationDecision(allowed);
	}

	private static boolean portalApiWithBasicCredentials(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		return path.startsWith("/api/portail/") && authorization != null
				&& authorization.regionMatches(true, 0, "Basic ", 0, 6);
	}

	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
		FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new ProcessEngineAuthenticationFilter());
		registration.setName("camunda-engine-rest-authentication");
		registration.addInitParameter("authentication-provider",
				SpringAuthoritiesAuthenticationProvider.class.getName());
		registration.addUrlPatterns("/engine-rest/*");
		registration.setOrder(Ordered.LOWEST_PRECEDENCE - 10);
		return registration;
	}

	@Bean
	FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappAuthenticationFilter() {
		FilterRegistrationBean<ContainerBasedAuthenticationFilter> registration = new FilterRegistrationBean<>(
				new ContainerBasedAuthenticationFilter());
		registration.setName("camunda-webapp-container-authentication");
		registration.addInitParameter("authentication-provider", ContainerBasedAuthenticationProvider.class.getName());
		registration.addUrlPatterns("/camunda/*");
		// Right after Spring Security (which provides the principal) and before the
		// webapps' own session authentication filter, which then finds the user in place.
		registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER + 1);
		return registration;
	}

}
