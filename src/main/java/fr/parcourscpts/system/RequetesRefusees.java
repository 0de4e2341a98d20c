package fr.parcourscpts.system;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.InvalidPropertyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * What a hostile or hurried client can cause on any page, answered with the French error
 * page of its status rather than a 500: a form field that cannot be bound (an index far
 * beyond the lists of a form, {@code lignesBudget[99999]}) is a 400; two requests
 * changing the same row or process instance at once, a 409 for the one that lost (its
 * transaction is rolled back). The JSON API has its own advice, ahead of this one.
 */
@ControllerAdvice
class RequetesRefusees {

	private static final Logger logger = LoggerFactory.getLogger(RequetesRefusees.class);

	@ExceptionHandler(InvalidPropertyException.class)
	void champInconnu(InvalidPropertyException ex, HttpServletResponse response) throws IOException {
		logger.debug("Form field refused: {}", ex.getPropertyName());
		response.sendError(HttpStatus.BAD_REQUEST.value());
	}

	@ExceptionHandler({ TransientDataAccessException.class, OptimisticLockingException.class })
	void conflit(Exception ex, HttpServletResponse response) throws IOException {
		logger.info("Concurrent change refused: {}", ex.toString());
		response.sendError(HttpStatus.CONFLICT.value());
	}

}
