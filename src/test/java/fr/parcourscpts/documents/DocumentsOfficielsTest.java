package fr.parcourscpts.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.dossier.DossierMembers;

@ApplicationTest
class DocumentsOfficielsTest {

	@Autowired
	DocumentsOfficiels documents;

	@Autowired
	DossierMembers members;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@Test
	void projetSanteReceiptStatesTheDepositTheAuthoritiesAndTheDateSilenceIsAcceptance() throws IOException {
		String text = issue("projetSanteRecu", "CPTS-76-2026-7001",
				Map.of("dateDepotProjetSante", date(2026, 1, 14), "dateValidationTacite", date(2026, 3, 14)));
		assertThat(text).contains("Accusé de réception du projet de santé")
			.contains("CPTS-76-2026-7001")
			.contains("Date de dépôt : 14/01/2026")
			.contains("Agence régionale de santé Occitanie")
			.contains("réputé validé le 14/03/2026")
			.contains("L1434-12");
	}

	@Test
	void lettreReceiptNamesTheGuichetAndTheFirRequestWhoseSilenceIsRejection() throws IOException {
		String text = issue("lettreIntentionRecue", "CPTS-76-2026-7002",
				Map.of("montantFirDemande", 60000.0, "communes", "31555,31069"));
		assertThat(text).contains("Accusé de réception de la lettre d’intention")
			.contains("CPTS-76-2026-7002")
			.contains("Date de réception : " + today())
			.contains("Guichet CPTS de la région Occitanie")
			.contains("60 000 €")
			.contains("vaut décision de rejet")
			.contains("31555,31069");
	}

	@Test
	void firReceiptGivesTheDateOfImplicitRejection() throws IOException {
		String text = issue("demandeFirRecue", "CPTS-76-2026-7003",
				Map.of("montantFirDemande", 60000.0, "dateRefusImplicite", date(2026, 5, 20)));
		assertThat(text).contains("À défaut de décision au 20/05/2026, la demande sera réputée rejetée")
			.contains("60 000 €")
			.contains("recours");
	}

	@Test
	void firDecisionStatesTheAmountGrantedOrTheImplicitRefusal() throws IOException {
		assertThat(issue("firAccorde", "CPTS-76-2026-7004",
				Map.of("montantFirDemande", 60000.0, "montantFirAccorde", 45000.0, "deciderFinancementFirDecidePar",
						"ars.76")))
			.contains("accordé pour un montant de 45 000 €")
			.contains("ars.76")
			.doesNotContain("recours");
		assertThat(issue("firRefusImplicite", "CPTS-76-2026-7005", Map.of("montantFirDemande", 60000.0)))
			.contains("Décision implicite de rejet")
			.contains("recours");
	}

	@Test
	void tacitAttestationStatesTheDepositAndTheTacitValidationDate() throws IOException {
		String text = issue("projetSanteValideTacitement", "CPTS-76-2026-7006",
				Map.of("dateDepotProjetSante", date(2026, 1, 14), "dateValidationTacite", date(2026, 3, 14)));
		assertThat(text).contains("Attestation de validation du projet de santé")
			.contains("CPTS-76-2026-7006")
			.contains("Validation tacite")
			.contains("déposé le 14/01/2026 est réputé validé le 14/03/2026");
		String express = issue("projetSanteValide", "CPTS-76-2026-7007",
				Map.of("deciderProjetSanteDecideLe", date(2026, 2, 2)));
		assertThat(express).contains("Validation expresse").contains("02/02/2026").doesNotContain("Validation tacite");
	}

	@Test
	void contractCarriesTheThreeSignaturesDatesAndAmounts() throws IOException {
		Map<String, Object> donnees = new HashMap<>();
		donnees.put("tailleCpts", 2);
		donnees.put("population", 52000L);
		donnees.put("dateEffetContrat", date(2026, 6, 1));
		donnees.put("dateFinContrat", date(2031, 6, 1));
		donnees.put("missionsRetenues", "AccesSoins,Parcours,Prevention,CrisesSanitaires");
		donnees.put("montantFonctionnement", 70000L);
		donnees.put("partFixe", 150000L);
		donnees.put("partVariable", 137000L);
		donnees.put("montantAnnuelMaximum", 287000L);
		donnees.put("signerContratPorteurDecidePar", "porteur.76");
		donnees.put("signerContratPorteurDecideLe", date(2026, 5, 2));
		donnees.put("signerContratCpamDecidePar", "cpam.76");
		donnees.put("signerContratCpamDecideLe", date(2026, 5, 3));
		donnees.put("signerContratArsDecidePar", "ars.76");
		donnees.put("signerContratArsDecideLe", date(2026, 5, 4));
		String text = issue("contratSigne", "CPTS-76-2026-7008", donnees);
		assertThat(text).contains("Contrat tripartite")
			.contains("Date d’effet : 01/06/2026 ; échéance : 01/06/2031")
			.contains("part fixe 150 000 €")
			.contains("part variable maximale 137 000 €")
			.contains("287 000 €")
			.contains("Pour la CPTS : porteur.76, le 02/05/2026")
			.contains("Pour la CPAM : cpam.76, le 03/05/2026")
			.contains("Pour l’ARS : ars.76, le 04/05/2026");
	}

	@Test
	void evaluationNoticeCarriesTheYearsPayments() throws IOException {
		String text = issue("evaluationNotifiee", "CPTS-76-2026-7009",
				Map.of("numeroEvaluation", 2L, "dateAnniversaire", date(2028, 6, 1), "avance", 112500L, "dateAvance",
						date(2028, 6, 1), "solde", 90000L, "partVariableVersee", 52500L, "totalAnnuel", 202500L));
		assertThat(text).contains("Année de contrat : 2")
			.contains("Avance (75 % de la part fixe) : 112 500 €, due le 01/06/2028")
			.contains("Solde : 90 000 €, dont part variable versée : 52 500 €")
			.contains("Total versé au titre de l’année : 202 500 €");
	}

	@Test
	void anEventWithoutDocumentIssuesNone() {
		assertThat(this.documents.issueFor("relanceAvisUrps", "CPTS-76-2026-7010", "76", Map.of(), new Date()))
			.isEmpty();
	}

	@Test
	void theStoredDocumentIsTheIssuedOneWithItsDigest() throws Exception {
		DocumentOfficiel issued = this.documents
			.issueFor("firRefusImplicite", "CPTS-76-2026-7011", "76", Map.of("montantFirDemande", 1000.0), new Date())
			.orElseThrow();
		String stored = this.jdbc.sql("select sha256 from document where id = :id")
			.param("id", issued.id())
			.query(String.class)
			.single();
		assertThat(stored)
			.isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(issued.content())));
		assertThat(this.documents.ofDossier("CPTS-76-2026-7011")).extracting(DocumentOfficiel::type)
			.containsExactly(TypeDocument.DECISION_FIR);
	}

	@Test
	void membersAndAgentsOfTheRegionDownloadOthersGet404() throws Exception {
		long dossier = dossier("CPTS-76-2026-7012", "76");
		this.members.add(dossier, "porteur.76", DossierMembers.Role.PORTEUR);
		DocumentOfficiel issued = this.documents
			.issueFor("projetSanteValideTacitement", "CPTS-76-2026-7012", "76",
					Map.of("dateValidationTacite", date(2026, 3, 14)), new Date())
			.orElseThrow();

		HttpResponse<byte[]> member = get(issued.path(), "porteur.76");
		assertThat(member.statusCode()).isEqualTo(200);
		assertThat(member.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(member.body()).isEqualTo(issued.content());
		assertThat(get(issued.path(), "ars.76").statusCode()).isEqualTo(200);
		assertThat(get(issued.path(), "cpam.76").statusCode()).isEqualTo(200);

		assertThat(get(issued.path(), "porteur.52").statusCode()).as("another porteur").isEqualTo(404);
		assertThat(get(issued.path(), "ars.52").statusCode()).as("an agent of another region").isEqualTo(404);
		assertThat(get("/documents/999999", "ars.76").statusCode()).isEqualTo(404);
		assertThat(get(issued.path(), null).statusCode()).as("anonymous").isNotEqualTo(200);
	}

	private String issue(String evenement, String reference, Map<String, Object> variables) throws IOException {
		Map<String, Object> donnees = new HashMap<>(variables);
		donnees.put("nomCpts", "CPTS du Lauragais");
		byte[] pdf = this.documents.issueFor(evenement, reference, "76", donnees, new Date()).orElseThrow().content();
		assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		try (PDDocument document = Loader.loadPDF(pdf)) {
			// Lines are joined so that a sentence wrapped by the layout reads as one.
			return new PDFTextStripper().getText(document).replaceAll("\\s*\\R\\s*", " ");
		}
	}

	private long dossier(String reference, String region) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into dossier (reference, region, nom_cpts, porteur, created_at)
				values (:r, :region, 'CPTS du Lauragais', 'porteur.76', :at)
				""").param("r", reference).param("region", region).param("at", OffsetDateTime.now()).update(key, "id");
		return key.getKey().longValue();
	}

	private HttpResponse<byte[]> get(String path, String user) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path));
		if (user != null) {
			request.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
		}
		return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static Date date(int year, int month, int day) {
		return Date
			.from(LocalDate.of(year, month, day).atStartOfDay(fr.parcourscpts.dossier.DatesLegales.PARIS).toInstant());
	}

	private static String today() {
		return LocalDate.now(fr.parcourscpts.dossier.DatesLegales.PARIS)
			.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
	}

}
