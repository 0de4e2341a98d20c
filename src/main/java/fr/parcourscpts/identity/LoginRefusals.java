package fr.parcourscpts.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationEntryPoint;
import org.springframework.stereotype.Component;

/**
 * How a throttled login is answered: the login page with the wait in minutes
 * ({@code /connexion?attente=N}) for the form, a 429 with {@code Retry-After} and a
 * French message for HTTP Basic. Any other refusal goes to the usual handler.
 */
@Component
class LoginRefusals {

	private final MessageSource messages;

	LoginRefusals(MessageSource messages) {
		this.messages = messages;
	}

	AuthenticationFailureHandler formLogin(String loginPage, AuthenticationFailureHandler otherwise) {
		return (request, response, exception) -> {
			if (exception instanceof LoginThrottledException throttled) {
				response.sendRedirect(request.getContextPath() + loginPage + "?attente=" + throttled.minutes());
				return;
			}
			otherwise.onAuthenticationFailure(request, response, exception);
		};
	}

	AuthenticationEntryPoint httpBasic(String realm) {
		BasicAuthenticationEntryPoint otherwise = new BasicAuthenticationEntryPoint();
		otherwise.setRealmName(realm);
		otherwise.afterPropertiesSet();
		return new AuthenticationEntryPoint() {

			@Override
			public void commence(HttpServletRequest request, HttpServletResponse response,
					AuthenticationException exception) throws IOException, ServletException {
				if (exception instanceof LoginThrottledException throttled) {
					tooManyRequests(request, response, throttled);
					return;
				}
				otherwise.commence(request, response, exception);
			}

		};
	}

	private void tooManyRequests(HttpServletRequest request, HttpServletResponse response,
			LoginThrottledException throttled) throws IOException {
		String message = this.messages.getMessage("login.tropDeTentatives", new Object[] { throttled.minutes() },
				Locale.FRANCE);
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, throttled.retryAfter().toSeconds())));
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		String texte = message.replace("\\", "\\\\").replace("\"", "\\\"");
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (path.startsWith("/api/")) {
			// The error shape of the application's JSON APIs.
			response.getWriter().write("{\"message\":\"" + texte + "\",\"erreurs\":{}}");
		}
		else {
			// The error shape of the engine's REST API.
			response.getWriter().write("{\"type\":\"TooManyRequests\",\"message\":\"" + texte + "\"}");
		}
	}

}
