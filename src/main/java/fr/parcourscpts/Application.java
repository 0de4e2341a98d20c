package fr.parcourscpts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Parcours CPTS: the workflow service that carries a Communauté Professionnelle
 * Territoriale de Santé through its regulated creation path.
 *
 * <p>
 * The service runs in whatever time zone its JVM is given: legal dates are computed and
 * shown in Europe/Paris explicitly ({@code dossier/DatesLegales},
 * {@code dossier/JoursAffiches}), and the tests run in JVMs set to UTC and to
 * Pacific/Auckland to prove it.
 */
@SpringBootApplication
public class Application {

	public static void main(String[] args) {
		SpringApplication.run(Application.class, args);
	}

}
