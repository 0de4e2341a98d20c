package fr.parcourscpts.portail;

import static fr.parcourscpts.portail.PortailFixtures.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.notification.ProductionsEnAttente;

/**
 * "Envoyer" no longer renders the receipt: the porteur's page says it is being produced
 * until the job after the request has issued it, then links it.
 */
@ApplicationTest
class AccuseEnCoursDeProductionTest extends AvecLePortail {

	private static final String EN_COURS = "Accusé de réception en cours de production";

	@Test
	void thePageSaysTheReceiptIsBeingProducedUntilItsJobHasIssuedIt() throws Exception {
		long lettre = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS de l'accusé différé", "31555");
		String reference = PortailFixtures.reference(this.jdbc, lettre);
		assertThat(this.jdbc.sql("select count(*) from document where reference = :r")
			.param("r", reference)
			.query(Long.class)
			.single()).as("the request of Envoyer rendered no PDF").isZero();

		String avant = page(reference);
		assertThat(avant).contains(EN_COURS).doesNotContain("id=\"documents-officiels\"");

		assertThat(ProductionsEnAttente.executerDuDossier(this.engine, reference)).isEqualTo(1);

		String apres = page(reference);
		assertThat(apres).doesNotContain(EN_COURS)
			.contains("id=\"documents-officiels\"")
			.containsPattern("href=\"/documents/\\d+\"");
	}

	private String page(String reference) throws Exception {
		return this.mvc.perform(get("/dossiers/" + reference).with(porteur("porteur.76")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
