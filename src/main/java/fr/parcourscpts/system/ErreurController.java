package fr.parcourscpts.system;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * Every error that reaches the servlet container's error page (a refused login, an
 * unknown URL, a wrong method, a fault): a French page in the layout of the portal for a
 * browser, and for a client that does not ask for HTML (the JSON APIs, {@code curl}) the
 * French {@code {"message", "erreurs"}} of the portal's API. Neither shows the exception,
 * its message or a stack trace; the fault is in the log. The engine's REST API keeps
 * Spring's answer (its errors are the engine's side).
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ErreurController extends BasicErrorController {

	static final String VIEW_ERREUR = "system/erreur";

	/** The statuses with their own title and text; any other gets the generic one. */
	private static final Set<Integer> PAGES = Set.of(400, 401, 403, 404, 405, 409, 413, 415, 500);

	private final MessageSource messages;

	ErreurController(ErrorAttributes errorAttributes, ServerProperties server,
			ObjectProvider<ErrorViewResolver> resolvers, MessageSource messages) {
		super(errorAttributes, server.getError(), resolvers.orderedStream().toList());
		this.messages = messages;
	}

	@Override
	public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
		HttpStatus status = getStatus(request);
		String cle = cle(status);
		Map<String, Object> model = new LinkedHashMap<>();
		model.put("status", status.value());
		model.put("titre", "erreur." + cle + ".titre");
		model.put("texte", "erreur." + cle + ".texte");
		response.setStatus(status.value());
		return new ModelAndView(VIEW_ERREUR, model, status);
	}

	@Override
	public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
		HttpStatus status = getStatus(request);
		String cle = "erreur.api." + cle(status);
		if (engineRest(request) && status == HttpStatus.FORBIDDEN) {
			cle = "erreur.api.403.moteur";
		}
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("message", this.messages.getMessage(cle, null, LocaleContextHolder.getLocale()));
		body.put("erreurs", Map.of());
		return new ResponseEntity<>(body, status);
	}

	private static String cle(HttpStatus status) {
		return PAGES.contains(status.value()) ? String.valueOf(status.value())
				: (status.is5xxServerError() ? "500" : "defaut");
	}

	private static boolean engineRest(HttpServletRequest request) {
		Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = (uri != null) ? uri.toString().substring(request.getContextPath().length()) : "";
		return path.startsWith("/engine-rest/");
	}

}
