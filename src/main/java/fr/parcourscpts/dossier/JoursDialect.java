package fr.parcourscpts.dossier;

import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * The Thymeleaf expression object {@code #jours} ({@link JoursAffiches}) for every page,
 * mail and document: {@code ${#jours.jour(donnees['dateValidationTacite'])}}. Thymeleaf's
 * own {@code #dates} and {@code #temporals} format in the zone of the JVM, so the
 * templates do not use them.
 */
@Component
class JoursDialect extends AbstractDialect implements IExpressionObjectDialect {

	static final String NOM = "jours";

	private static final JoursAffiches JOURS = new JoursAffiches();

	JoursDialect() {
		super("Jours en heure de Paris");
	}

	@Override
	public IExpressionObjectFactory getExpressionObjectFactory() {
		return new IExpressionObjectFactory() {

			@Override
			public Set<String> getAllExpressionObjectNames() {
				return Set.of(NOM);
			}

			@Override
			public Object buildObject(IExpressionContext context, String expressionObjectName) {
				return NOM.equals(expressionObjectName) ? JOURS : null;
			}

			@Override
			public boolean isCacheable(String expressionObjectName) {
				return true;
			}

		};
	}

}
