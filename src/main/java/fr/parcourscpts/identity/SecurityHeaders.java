package fr.parcourscpts.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The security headers of the portal's pages and APIs, on top of Spring Security's
 * defaults ({@code X-Content-Type-Options: nosniff}, {@code X-Frame-Options: DENY}, no
 * caching of authenticated pages, and {@code Strict-Transport-Security} on every HTTPS
 * request — behind a proxy, once {@code server.forward-headers-strategy} lets the
 * application see that the request was HTTPS).
 * <p>
 * The Content-Security-Policy allows only this origin's scripts and styles (the templates
 * have no inline script, style or event handler), and no framing. The Camunda webapps
 * under {@code /camunda} send their own policy (with a nonce for their scripts,
 * {@code camunda.bpm.webapp.header-security}): a second one would only restrict them
 * further, so none is added there. Swagger UI and the mail preview of the administrators
 * need inline styles, and get them alone.
 */
final class SecurityHeaders {

	static final String CONTENT_SECURITY_POLICY = "Content-Security-Policy";

	/** The portal, the accounts, the home and error pages, the JSON APIs. */
	static final String POLICY = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/**
	 * Swagger UI styles its elements inline; its scripts are files of this origin.
	 */
	static final String POLICY_SWAGGER_UI = POLICY + "; style-src 'self' 'unsafe-inline'";

	/**
	 * The preview of a mail (its own {@code <style>}) is a sandboxed {@code srcdoc}
	 * frame, which inherits the page's policy; no script runs in it.
	 */
	static final String POLICY_MAIL_PREVIEW = POLICY + "; style-src 'self' 'unsafe-inline'";

	private SecurityHeaders() {
	}

	static void configure(HeadersConfigurer<HttpSecurity> headers) {
		headers.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
			.addHeaderWriter(SecurityHeaders::contentSecurityPolicy);
	}

	private static void contentSecurityPolicy(HttpServletRequest request, HttpServletResponse response) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/camunda/") || response.containsHeader(CONTENT_SECURITY_POLICY)) {
			return;
		}
		response.setHeader(CONTENT_SECURITY_POLICY, policy(path));
	}

	static String policy(String path) {
		if (path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/")) {
			return POLICY_SWAGGER_UI;
		}
		if (path.startsWith("/admin/courriels/")) {
			return POLICY_MAIL_PREVIEW;
		}
		return POLICY;
	}

}
