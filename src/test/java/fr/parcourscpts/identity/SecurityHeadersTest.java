package fr.parcourscpts.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.BasicHttp;
import fr.parcourscpts.system.AbuseSuite;

/**
 * The security headers: the portal's Content-Security-Policy (this origin only, no
 * framing, no plugin, no foreign form target), Referrer-Policy, nosniff, HSTS on HTTPS
 * requests only, a session cookie that is HttpOnly and SameSite=Lax; the Camunda webapps
 * keep their own single policy and Swagger UI its relaxed one.
 */
@ApplicationTest
class SecurityHeadersTest {

	private static final String CATEGORIE = "erreurs et en-têtes";

	@LocalServerPort
	int port;

	@Autowired
	WebApplicationContext context;

	private final HttpClient client = HttpClient.newHttpClient();

	private MockMvc mvc() {
		return MockMvcBuilders.webAppContextSetup(this.context)
			.apply(SecurityMockMvcConfigurers.springSecurity())
			.build();
	}

	private HttpResponse<String> http(String path, String user) throws Exception {
		return BasicHttp.local(this.port, this.client).get(path).as(user).accept("text/html").send();
	}

	@Test
	void portalPagesAllowOnlyThisOriginAndNoFraming() throws Exception {
		MockHttpServletResponse response = mvc().perform(get("/connexion")).andReturn().getResponse();
		String csp = response.getHeader("Content-Security-Policy");
		assertThat(csp)
			.contains("default-src 'self'", "img-src 'self' data:", "object-src 'none'", "base-uri 'self'",
					"form-action 'self'", "frame-ancestors 'none'")
			.doesNotContain("unsafe-inline", "unsafe-eval");
		assertThat(response.getHeaders("Content-Security-Policy")).hasSize(1);
		assertThat(response.getHeader("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
		assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
		AbuseSuite.attempt(CATEGORIE, "page du portail encadrée par un autre site (frame-ancestors)",
				csp.contains("frame-ancestors 'none'"));
		AbuseSuite.attempt(CATEGORIE, "script en ligne injecté dans une page (CSP sans unsafe-inline)",
				!csp.contains("unsafe-inline") && csp.contains("default-src 'self'"));
	}

	@Test
	void httpsRequestsAreToldToStayOnHttps() throws Exception {
		assertThat(mvc().perform(get("/connexion")).andReturn().getResponse().getHeader("Strict-Transport-Security"))
			.isNull();
		String hsts = mvc().perform(get("/connexion").secure(true))
			.andReturn()
			.getResponse()
			.getHeader("Strict-Transport-Security");
		assertThat(hsts).contains("max-age=31536000", "includeSubDomains");
	}

	@Test
	void sessionCookieIsHttpOnlyAndSameSiteLax() throws Exception {
		// the login page holds a CSRF token, kept in the session it creates
		HttpResponse<String> response = http("/connexion", null);
		List<String> cookies = response.headers().allValues("Set-Cookie");
		String session = cookies.stream()
			.filter((cookie) -> cookie.startsWith("JSESSIONID="))
			.findFirst()
			.orElseThrow();
		assertThat(session).contains("HttpOnly", "SameSite=Lax");
		AbuseSuite.attempt(CATEGORIE, "cookie de session lisible par un script ou envoyé en cross-site",
				session.contains("HttpOnly") && session.contains("SameSite=Lax"));
	}

	@Test
	void camundaWebappsKeepTheirOwnSinglePolicy() throws Exception {
		HttpResponse<String> tasklist = http("/camunda/app/tasklist/default/", "ars.76");
		assertThat(tasklist.statusCode()).isEqualTo(200);
		List<String> policies = tasklist.headers().allValues("Content-Security-Policy");
		assertThat(policies).hasSize(1);
		assertThat(policies.get(0)).contains("frame-ancestors 'none'", "object-src 'none'")
			.isNotEqualTo(SecurityHeaders.POLICY);
		assertThat(tasklist.headers().firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
	}

	@Test
	void swaggerUiGetsItsInlineStylesOnly() throws Exception {
		HttpResponse<String> swagger = http("/swagger-ui/index.html", "porteur.76");
		assertThat(swagger.statusCode()).isEqualTo(200);
		assertThat(swagger.headers().allValues("Content-Security-Policy"))
			.containsExactly(SecurityHeaders.POLICY_SWAGGER_UI);
		assertThat(SecurityHeaders.POLICY_SWAGGER_UI).doesNotContain("script-src");
	}

}
