package fr.parcourscpts;

import java.util.TimeZone;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Parcours CPTS: the workflow service that carries a Communauté Professionnelle
 * Territoriale de Santé through its regulated creation path.
 */
@SpringBootApplication
public class Application {

	/** Legal deadlines (two months of silence, ...) are counted in French time. */
	static final String DEFAULT_TIME_ZONE = "Europe/Paris";

	public static void main(String[] args) {
		if (System.getProperty("user.timezone", "").isBlank() && System.getenv("TZ") == null) {
			TimeZone.setDefault(TimeZone.getTimeZone(DEFAULT_TIME_ZONE));
		}
		SpringApplication.run(Application.class, args);
	}

}
