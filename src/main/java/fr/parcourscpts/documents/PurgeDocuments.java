package fr.parcourscpts.documents;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.parcourscpts.dossier.DonneesDossier;

/** The official documents issued for a dossier, removed when its retention has passed. */
@Configuration(proxyBeanMethods = false)
class PurgeDocuments {

	@Bean
	DonneesDossier documentsDuDossier(JdbcClient jdbc) {
		return DonneesDossier.parReference(jdbc, "document");
	}

}
