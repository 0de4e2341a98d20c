package fr.parcourscpts.portail;

import static fr.parcourscpts.portail.PortailFixtures.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.security.MessageDigest;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.documents.DocumentOfficiel;
import fr.parcourscpts.documents.DocumentsOfficiels;

/**
 * The attestation of validation is rendered on first read: the porteur's page lists it at
 * once, says its digest comes with its first opening, and shows the digest of the bytes
 * the download rendered.
 */
@ApplicationTest
class AttestationSurLaPageDuPorteurTest extends AvecLePortail {

	@Autowired
	DocumentsOfficiels documents;

	@Test
	void thePageListsTheAttestationBeforeItsFirstOpeningAndItsDigestAfter() throws Exception {
		long lettre = PortailFixtures.envoyer(this.mvc, "porteur.76", "CPTS de l'attestation", "31555");
		String reference = PortailFixtures.reference(this.jdbc, lettre);
		DocumentOfficiel attestation = this.documents
			.issueFor("projetSanteValideTacitement", reference, "76",
					Map.of("nomCpts", "CPTS de l'attestation", "dateValidationTacite", new Date()), new Date())
			.orElseThrow();

		assertThat(page(reference)).contains("href=\"" + attestation.path() + "\"")
			.contains("empreinte SHA-256 donnée à sa première ouverture");

		byte[] pdf = this.mvc.perform(get(attestation.path()).with(porteur("porteur.76")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsByteArray();
		String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(pdf));
		assertThat(page(reference)).contains("empreinte SHA-256 : " + sha256)
			.doesNotContain("donnée à sa première ouverture");
	}

	private String page(String reference) throws Exception {
		return this.mvc.perform(get("/dossiers/" + reference).with(porteur("porteur.76")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
