package fr.parcourscpts.agents;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.parcourscpts.dossier.DonneesDossier;

/** The agents' private notes on a dossier, removed when its retention has passed. */
@Configuration(proxyBeanMethods = false)
class PurgeNotes {

	@Bean
	DonneesDossier notesDuDossier(JdbcClient jdbc) {
		return DonneesDossier.parReference(jdbc, "note_dossier");
	}

}
