package fr.parcourscpts.portail;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * A file above Spring's multipart limit (20 MB) is refused before any controller runs:
 * the portal's pages go back to where the porteur was, with a French message (the draft
 * saved before is intact), a message of a dossier (porteur or agent) goes back to the
 * dossier's thread, and the API answers 413.
 */
@ControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class FichierTropGrandHandler {

	private final MessageSource messages;

	FichierTropGrandHandler(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(MaxUploadSizeExceededException.class)
	Object tropGrand(MaxUploadSizeExceededException ex, HttpServletRequest request) throws Exception {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		String message = this.messages.getMessage("portail.piece.tropGrande.requete", null,
				LocaleContextHolder.getLocale());
		if (path.startsWith("/api/portail/")) {
			return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
				.body(new PortailApiController.ErreursJson(message, Map.of("fichier", message)));
		}
		if (path.matches("/(agents/)?dossiers/[^/]+/messages")) {
			// the thread is on the dossier's page; nothing of the message was read
			FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
			flash.put("messageErreur", message);
			return "redirect:" + path.substring(0, path.length() - "/messages".length()) + "#messages";
		}
		if (path.startsWith("/dossiers/")) {
			// the redirect view saves the output flash map
			FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
			flash.put("erreurFichierFlash", message);
			return "redirect:" + path;
		}
		throw ex;
	}

}
