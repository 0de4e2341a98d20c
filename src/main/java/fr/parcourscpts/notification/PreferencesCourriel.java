package fr.parcourscpts.notification;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** How each agent wants to be told: each mail (the default) or a daily digest. */
@Service
public class PreferencesCourriel {

	/** The two ways of being told. */
	public enum Mode {

		/** One mail per notification. */
		IMMEDIAT,
		/** One mail a day listing them. */
		QUOTIDIEN

	}

	private final JdbcClient jdbc;

	PreferencesCourriel(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public Mode modeOf(String userId) {
		return this.jdbc.sql("select mode from preference_courriel where utilisateur = :user")
			.param("user", userId)
			.query(String.class)
			.optional()
			.map(Mode::valueOf)
			.orElse(Mode.IMMEDIAT);
	}

	@Transactional
	public void choose(String userId, Mode mode) {
		int updated = this.jdbc.sql("update preference_courriel set mode = :mode where utilisateur = :user")
			.param("mode", mode.name())
			.param("user", userId)
			.update();
		if (updated == 0) {
			this.jdbc.sql("insert into preference_courriel (utilisateur, mode) values (:user, :mode)")
				.param("user", userId)
				.param("mode", mode.name())
				.update();
		}
	}

}
