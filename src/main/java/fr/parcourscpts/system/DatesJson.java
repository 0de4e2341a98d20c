package fr.parcourscpts.system;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One format for every instant of the JSON APIs: ISO-8601 to the second with the offset
 * of Paris, {@code 2026-03-15T00:00:00+01:00} (or {@code +02:00} in summer), whether the
 * value is a {@link Date} of the engine, an {@link Instant} or an {@link OffsetDateTime}
 * read from the database in the JVM's zone. Jackson alone writes a {@code Date} with
 * milliseconds, an {@code Instant} in UTC ({@code Z}) and an {@code OffsetDateTime} with
 * the fraction of second it holds. Days ({@code LocalDate}) stay {@code 2026-03-15}.
 */
@Configuration(proxyBeanMethods = false)
class DatesJson {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

	@Bean
	Jackson2ObjectMapperBuilderCustomizer datesDeParis() {
		return (builder) -> builder.serializerByType(Date.class, new Serialiseur<>(Date.class, Date::toInstant))
			.serializerByType(Instant.class, new Serialiseur<>(Instant.class, (instant) -> instant))
			.serializerByType(OffsetDateTime.class, new Serialiseur<>(OffsetDateTime.class, OffsetDateTime::toInstant))
			.serializerByType(ZonedDateTime.class, new Serialiseur<>(ZonedDateTime.class, ZonedDateTime::toInstant));
	}

	/** The instant in Paris time, to the second. */
	static String format(Instant instant) {
		return FORMAT.format(instant.truncatedTo(ChronoUnit.SECONDS).atZone(PARIS));
	}

	private static final class Serialiseur<T> extends StdSerializer<T> {

		private final java.util.function.Function<T, Instant> instant;

		Serialiseur(Class<T> type, java.util.function.Function<T, Instant> instant) {
			super(type);
			this.instant = instant;
		}

		@Override
		public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
			generator.writeString(format(this.instant.apply(value)));
		}

	}

}
