package fr.parcourscpts.compte;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.parcourscpts.dossier.DonneesDossier;

/**
 * The invitations of co-porteurs to a dossier (the invited addresses), removed when its
 * retention has passed. The accounts stay: they belong to their owners, not to the
 * dossier.
 */
@Configuration(proxyBeanMethods = false)
class PurgeInvitations {

	@Bean
	DonneesDossier invitationsDuDossier(JdbcClient jdbc) {
		return DonneesDossier.parDossierId(jdbc, "invitation");
	}

}
