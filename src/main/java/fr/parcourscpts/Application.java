package fr.parcourscpts;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Parcours CPTS: the workflow service that carries a Communauté Professionnelle
 * Territoriale de Santé through its regulated creation path.
 */
@SpringBootApplication
public class Application {

	public static void main(String[] args) {
		SpringApplication.run(Application.class, args);
	}

}
