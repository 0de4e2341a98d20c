package fr.parcourscpts.portail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

import fr.parcourscpts.portail.PortailApiController.ErreursJson;

/**
 * Every error of the portal's JSON API as the documented French {@code {"message",
 * "erreurs"}}: 400 for a body or a parameter that cannot be read (with the field at
 * fault), 404 for what does not exist or is not the caller's, 409 for a lettre already
 * sent or a concurrent change of the same dossier, Spring's own status for the rest of
 * its refusals, and 500 only for a fault of the service, with a neutral message (the
 * exception goes to the log, never to the client). What fails before a controller is
 * chosen (unknown path, wrong method or media type, no credentials) is answered in the
 * same shape by {@code system/ErreurController}. Which operation answers which status is
 * documented in the OpenAPI by {@link PortailApiDocumentation}.
 */
@RestControllerAdvice(assignableTypes = PortailApiController.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class PortailApiErreurs {

	private static final Logger logger = LoggerFactory.getLogger(PortailApiErreurs.class);

	private final MessageSource messages;

	PortailApiErreurs(MessageSource messages) {
		this.messages = messages;
	}

	@ExceptionHandler(DossierIntrouvable.class)
	ResponseEntity<ErreursJson> introuvable() {
		return erreur(HttpStatus.NOT_FOUND, message("portail.api.introuvable"), Map.of());
	}

	@ExceptionHandler(LettreDejaEnvoyee.class)
	ResponseEntity<ErreursJson> dejaEnvoyee() {
		return erreur(HttpStatus.CONFLICT, message("portail.lettre.dejaEnvoyee"), Map.of());
	}

	/** Two requests on the same dossier at once: the loser is told to reload. */
	@ExceptionHandler({ TransientDataAccessException.class, OptimisticLockingException.class })
	ResponseEntity<ErreursJson> conflit(Exception ex) {
		logger.info("Concurrent change refused: {}", ex.toString());
		return erreur(HttpStatus.CONFLICT, message("portail.api.conflit"), Map.of());
	}

	@ExceptionHandler(HttpMessageNotReadableException.class)
	ResponseEntity<ErreursJson> illisible(HttpMessageNotReadableException ex) {
		Throwable cause = ex.getCause();
		if (cause == null) {
			return erreur(HttpStatus.BAD_REQUEST, message("portail.api.corpsManquant"), Map.of());
		}
		if (cause instanceof JsonMappingException mapping && !(cause instanceof JsonParseException)
				&& !mapping.getPath().isEmpty()) {
			String champ = champ(mapping.getPath());
			return erreur(HttpStatus.BAD_REQUEST, message("portail.erreurs.titre"),
					Map.of(champ, message("portail.api.champInvalide")));
		}
		return erreur(HttpStatus.BAD_REQUEST, message("portail.api.jsonInvalide"), Map.of());
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<ErreursJson> parametreInvalide(MethodArgumentTypeMismatchException ex) {
		return erreur(HttpStatus.BAD_REQUEST, message("portail.erreurs.titre"),
				Map.of(ex.getName(), message("portail.api.parametreInvalide")));
	}

	@ExceptionHandler(MissingServletRequestParameterException.class)
	ResponseEntity<ErreursJson> parametreManquant(MissingServletRequestParameterException ex) {
		return erreur(HttpStatus.BAD_REQUEST, message("portail.erreurs.titre"),
				Map.of(ex.getParameterName(), message("portail.api.obligatoire")));
	}

	@ExceptionHandler(MissingServletRequestPartException.class)
	ResponseEntity<ErreursJson> partieManquante(MissingServletRequestPartException ex) {
		return erreur(HttpStatus.BAD_REQUEST, message("portail.erreurs.titre"),
				Map.of(ex.getRequestPartName(), message("portail.api.obligatoire")));
	}

	/**
	 * Spring's other refusals (not acceptable, media type, …) keep their status; anything
	 * else is a fault.
	 */
	@ExceptionHandler(Exception.class)
	ResponseEntity<ErreursJson> autre(Exception ex) {
		if (ex instanceof ErrorResponse refus && refus.getStatusCode().is4xxClientError()) {
			HttpStatusCode status = refus.getStatusCode();
			String message = this.messages.getMessage("erreur.api." + status.value(), null,
					message("erreur.api.defaut"), LocaleContextHolder.getLocale());
			return erreur(status, message, Map.of());
		}
		logger.error("Fault of the portal's API", ex);
		return erreur(HttpStatus.INTERNAL_SERVER_ERROR, message("erreur.api.500"), Map.of());
	}

	/** {@code lignesBudget[0].montant}, as the fields of a form are named. */
	private static String champ(List<JsonMappingException.Reference> path) {
		StringBuilder champ = new StringBuilder();
		for (JsonMappingException.Reference reference : path) {
			if (reference.getFieldName() != null) {
				champ.append(champ.isEmpty() ? "" : ".").append(reference.getFieldName());
			}
			else if (reference.getIndex() >= 0) {
				champ.append('[').append(reference.getIndex()).append(']');
			}
		}
		return champ.isEmpty() ? "corps" : champ.toString();
	}

	private ResponseEntity<ErreursJson> erreur(HttpStatusCode status, String message, Map<String, String> erreurs) {
		// the body is JSON whatever the client said it accepts: an error never becomes
		// a 406
		return ResponseEntity.status(status)
			.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
			.body(new ErreursJson(message, new LinkedHashMap<>(erreurs)));
	}

	private String message(String code) {
		return this.messages.getMessage(code, null, LocaleContextHolder.getLocale());
	}

}
