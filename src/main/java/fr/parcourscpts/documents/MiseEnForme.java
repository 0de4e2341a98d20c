package fr.parcourscpts.documents;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;

/**
 * Numbers and times as the documents print them, in French: amounts with the French
 * locale's grouping (a narrow no-break space, U+202F: "30 000"), no decimals for a whole
 * amount and two otherwise ("1 234,50"); days and times in Europe/Paris, whatever the
 * JVM's default zone. Templates reach it as {@code fmt}.
 */
public final class MiseEnForme {

	/** The zone of every time printed in a document. */
	public static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private static final DateTimeFormatter JOUR = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.FRANCE);

	private static final DateTimeFormatter HEURE = DateTimeFormatter.ofPattern("HH:mm", Locale.FRANCE);

	/** An amount or a count: "30 000", "1 234,50"; empty for null. */
	public String montant(Object value) {
		if (value == null || value.toString().isBlank()) {
			return "";
		}
		BigDecimal amount = (value instanceof BigDecimal decimal) ? decimal : new BigDecimal(value.toString().trim());
		boolean whole = amount.stripTrailingZeros().scale() <= 0;
		NumberFormat format = NumberFormat.getNumberInstance(Locale.FRANCE);
		format.setGroupingUsed(true);
		format.setMinimumFractionDigits(whole ? 0 : 2);
		format.setMaximumFractionDigits(whole ? 0 : 2);
		return format.format(amount);
	}

	/** The day of an instant in Paris, {@code dd/MM/yyyy}; empty when unknown. */
	public static String jour(Object instant) {
		return paris(instant).map(JOUR::format).orElse("");
	}

	/** The time of an instant in Paris, {@code HH:mm}; empty when unknown. */
	public static String heure(Object instant) {
		return paris(instant).map(HEURE::format).orElse("");
	}

	private static Optional<TemporalAccessor> paris(Object value) {
		Instant instant = null;
		if (value instanceof Date date) {
			instant = date.toInstant();
		}
		else if (value instanceof Instant i) {
			instant = i;
		}
		else if (value instanceof OffsetDateTime time) {
			instant = time.toInstant();
		}
		else if (value instanceof ZonedDateTime time) {
			instant = time.toInstant();
		}
		return Optional.ofNullable(instant).map((i) -> i.atZone(PARIS));
	}

}
