package fr.parcourscpts.compte;

import java.time.Duration;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * A validity in words ("24 heures", "7 jours"), for the pages and mails that tell how
 * long a link lasts: the durations are configurable, so the texts never state them.
 */
final class Durees {

	private Durees() {
	}

	static String texte(Duration duree, MessageSource messages) {
		// "24 heures" reads better than "1 jour"; whole days from two on.
		if (duree.toDays() >= 2 && duree.equals(Duration.ofDays(duree.toDays()))) {
			return message("compte.duree.jours", duree.toDays(), messages);
		}
		if (duree.toHours() >= 1 && duree.equals(Duration.ofHours(duree.toHours()))) {
			return message("compte.duree.heures", duree.toHours(), messages);
		}
		return message("compte.duree.minutes", Math.max(1, duree.toMinutes()), messages);
	}

	private static String message(String key, long nombre, MessageSource messages) {
		return messages.getMessage(key, new Object[] { nombre }, Locale.FRANCE);
	}

}
