package fr.parcourscpts.system;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

import fr.parcourscpts.identity.Institution;
import fr.parcourscpts.territoire.TerritoireService;

/**
 * The one place where raw values become what people read, in French: amounts
 * ({@code 30000.0} → "30 000 €"), counts ("26 632"), a group id as its institution
 * ("urps-biologistes" → "URPS Biologistes"), a login as its person's name ("guichet.76" →
 * "Guichet CPTS Occitanie"), INSEE codes with their commune names ("Toulouse (31555)").
 * Used by the portal's templates ({@code ${@formats.montant(v)}}), the mails, the
 * official documents ({@code fmt} in {@code templates/documents}) and the display
 * variables of the agents' forms; dates have their one place in
 * {@code dossier/JoursAffiches}. Thousands are separated by a narrow no-break space and
 * the euro sign by a no-break space, as French typography has it.
 */
@Component("formats")
public class Formats {

	/** Between the amount and its currency: no line break there. */
	public static final String ESPACE_INSECABLE = "\u00a0";

	private final IdentityService identity;

	private final TerritoireService territoires;

	private final MessageSource messages;

	Formats(IdentityService identity, TerritoireService territoires, MessageSource messages) {
		this.identity = identity;
		this.territoires = territoires;
		this.messages = messages;
	}

	/**
	 * A number the French way: "26 632", "12,5"; a text that is a number too ("30000.0");
	 * anything else as it is; empty for null.
	 */
	public String nombre(Object value) {
		BigDecimal number = decimal(value);
		if (number == null) {
			return (value != null) ? value.toString() : "";
		}
		NumberFormat format = NumberFormat.getNumberInstance(Locale.FRANCE);
		format.setMaximumFractionDigits(2);
		format.setMinimumFractionDigits(0);
		return format.format(number);
	}

	/** An amount in euros: "30 000 €", "1 250,50 €"; empty for null. */
	public String montant(Object value) {
		BigDecimal number = decimal(value);
		if (number == null) {
			return (value != null) ? value.toString() : "";
		}
		NumberFormat format = NumberFormat.getNumberInstance(Locale.FRANCE);
		boolean entier = number.stripTrailingZeros().scale() <= 0;
		format.setMinimumFractionDigits(entier ? 0 : 2);
		format.setMaximumFractionDigits(entier ? 0 : 2);
		return format.format(number) + ESPACE_INSECABLE + "€";
	}

	/** The amount without its currency, for a text that writes "€" itself. */
	public String montantSansDevise(Object value) {
		String montant = montant(value);
		return montant.endsWith(ESPACE_INSECABLE + "€")
				? montant.substring(0, montant.length() - ESPACE_INSECABLE.length() - 1) : montant;
	}

	/** The institution of a Camunda group id; the id itself when it is none of ours. */
	public String institution(String groupId) {
		if (groupId == null) {
			return "";
		}
		return Institution.ofGroupId(groupId).map(Institution::label).orElse(groupId);
	}

	/**
	 * The name of the person behind a login ("Prénom Nom" of the user record); the login
	 * when the user has no name or is unknown.
	 */
	public String personne(String userId) {
		if (userId == null || userId.isBlank()) {
			return "";
		}
		User user = withoutAuthorizationCheck(() -> this.identity.createUserQuery().userId(userId).singleResult());
		if (user == null) {
			return userId;
		}
		String nom = ((user.getFirstName() != null) ? user.getFirstName() : "") + " "
				+ ((user.getLastName() != null) ? user.getLastName() : "");
		return nom.isBlank() ? userId : nom.trim();
	}

	/**
	 * INSEE codes ("31555,31069") with their commune names: "Toulouse (31555), Blagnac
	 * (31069)"; an unknown code is kept as it is.
	 */
	public String communes(String codes) {
		if (codes == null || codes.isBlank()) {
			return "";
		}
		List<String> communes = new ArrayList<>();
		for (String code : codes.split("[,;\\s]+")) {
			if (code.isBlank()) {
				continue;
			}
			communes
				.add(this.territoires.commune(code).map((commune) -> commune.nom() + " (" + code + ")").orElse(code));
		}
		return String.join(", ", communes);
	}

	/**
	 * The missions of a contract by their French names ("AccesSoins,Parcours" → "Accès
	 * aux soins, Parcours pluriprofessionnels"); an unknown code is kept as it is.
	 */
	public String missions(Object codes) {
		if (codes == null || codes.toString().isBlank()) {
			return "";
		}
		List<String> noms = new ArrayList<>();
		for (String code : codes.toString().split("\\s*,\\s*")) {
			if (!code.isBlank()) {
				noms.add(this.messages.getMessage("mission." + code, null, code, Locale.FRANCE));
			}
		}
		return String.join(", ", noms);
	}

	private static BigDecimal decimal(Object value) {
		if (value instanceof BigDecimal decimal) {
			return decimal;
		}
		if (value instanceof Number number) {
			return new BigDecimal(number.toString());
		}
		if (value instanceof String text && text.trim().matches("-?\\d+([.,]\\d+)?")) {
			return new BigDecimal(text.trim().replace(',', '.'));
		}
		return null;
	}

	/**
	 * Inside a process step the engine checks the authorizations of whoever triggered it;
	 * naming people is the service's own business.
	 */
	private static <T> T withoutAuthorizationCheck(Supplier<T> query) {
		CommandContext context = Context.getCommandContext();
		if (context == null || !context.isAuthorizationCheckEnabled()) {
			return query.get();
		}
		context.disableAuthorizationCheck();
		try {
			return query.get();
		}
		finally {
			context.enableAuthorizationCheck();
		}
	}

}
