package fr.parcourscpts.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDResources;
import org.apache.pdfbox.pdmodel.common.PDMetadata;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.xmpbox.XMPMetadata;
import org.apache.xmpbox.schema.PDFAIdentificationSchema;
import org.apache.xmpbox.xml.DomXmpParser;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.BasicHttp;
import fr.parcourscpts.dossier.DossierMembers;

@ApplicationTest
class DocumentsOfficielsTest {

	/**
	 * The grouping separator of Java's French locale, in every amount of the documents.
	 */
	static final String NNBSP = "\u202F";

	/** Amounts are followed by a no-break space and the euro sign. */
	static final String EURO = "\u00A0€";

	static final String ARS_AGENT = "doc-ars.76";

	static final String CPAM_AGENT = "doc-cpam.76";

	@Autowired
	DocumentsOfficiels documents;

	@Autowired
	IdentityService identity;

	@Autowired
	DossierMembers members;

	@Autowired
	JdbcClient jdbc;

	@LocalServerPort
	int port;

	@BeforeEach
	void agents() {
		user(ARS_AGENT, "Camille", "Durand", "directrice de l’offre de soins");
		user(CPAM_AGENT, "Jean", "Martin", null);
	}

	@Test
	void projetSanteReceiptStatesTheDepositTheAuthoritiesAndTheDateSilenceIsAcceptance() throws IOException {
		String text = issue("projetSanteRecu", "CPTS-76-2026-7001", Map.of("dateDepotProjetSante", date(2026, 1, 14),
				"dateValidationTacite", date(2026, 3, 14), "communes", "31555,31069"));
		assertThat(text).contains("Accusé de réception du projet de santé")
			.contains("Assurance Maladie (CPAM de la Haute-Garonne)")
			.contains("projet de santé de la CPTS du Lauragais.")
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
			.contains("60" + NNBSP + "000" + EURO)
			.contains("vaut décision de rejet")
			.contains("Territoire (communes et codes INSEE) : Toulouse (31555), Blagnac (31069)");
	}

	@Test
	void firReceiptGivesTheDateOfImplicitRejection() throws IOException {
		String text = issue("demandeFirRecue", "CPTS-76-2026-7003",
				Map.of("montantFirDemande", 60000.0, "dateRefusImplicite", date(2026, 5, 20)));
		assertThat(text).contains("À défaut de décision au 20/05/2026, la demande sera réputée rejetée")
			.contains("60" + NNBSP + "000" + EURO)
			.contains("recours");
	}

	@Test
	void firDecisionStatesTheAmountGrantedOrTheImplicitRefusal() throws IOException {
		assertThat(issue("firAccorde", "CPTS-76-2026-7004",
				Map.of("montantFirDemande", 60000.0, "montantFirAccorde", 45000.0, "deciderFinancementFirDecidePar",
						ARS_AGENT, "deciderFinancementFirDecideLe", instant("2026-03-10T09:05:00Z"))))
			.contains("accordé pour un montant de 45" + NNBSP + "000" + EURO)
			.contains("Décision prise par : Camille Durand, directrice de l’offre de soins, ARS Occitanie, "
					+ "le 10/03/2026 à 10:05")
			.doesNotContain(ARS_AGENT)
			.doesNotContain("recours");
		assertThat(issue("firRefusImplicite", "CPTS-76-2026-7005", Map.of("montantFirDemande", 60000.0)))
			.contains("Décision implicite de rejet")
			.doesNotContain("Décision prise par")
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
		donnees.put("nomCpts", "CPTS du Grand Millau");
		donnees.put("communes", "12145,12084");
		donnees.put("tailleCpts", 2);
		donnees.put("population", 52000L);
		donnees.put("dateEffetContrat", date(2026, 6, 1));
		donnees.put("dateFinContrat", date(2031, 6, 1));
		donnees.put("missionsRetenues", "AccesSoins,Parcours,Prevention,CrisesSanitaires,Qualite");
		donnees.put("montantFonctionnement", 70000L);
		donnees.put("partFixe", 150000L);
		donnees.put("partVariable", 137000L);
		donnees.put("montantAnnuelMaximum", 287000L);
		donnees.put("signaturePorteurNom", "Marie-Hélène Dupont");
		donnees.put("signaturePorteurLe", instant("2026-05-02T12:32:00Z"));
		donnees.put("signerContratPorteurDecidePar", "porteur.76");
		donnees.put("signerContratPorteurDecideLe", instant("2026-05-02T12:32:00Z"));
		donnees.put("signerContratCpamDecidePar", CPAM_AGENT);
		donnees.put("signerContratCpamDecideLe", instant("2026-05-03T07:00:00Z"));
		donnees.put("signerContratArsDecidePar", ARS_AGENT);
		donnees.put("signerContratArsDecideLe", instant("2026-05-04T15:45:00Z"));
		String text = issue("contratSigne", "CPTS-76-2026-7008", donnees);
		assertThat(text).contains("Contrat tripartite")
			.contains(
					"Entre la CPTS du Grand Millau, la CPAM de l’Aveyron pour l’Assurance Maladie, et l’ARS Occitanie.")
			.doesNotContain("CPTS CPTS")
			.contains("population couverte : 52" + NNBSP + "000 habitants")
			.contains("Date d’effet : 01/06/2026 ; échéance : 01/06/2031")
			.contains("Missions retenues : accès aux soins, parcours pluriprofessionnels, prévention, "
					+ "crises sanitaires graves, qualité et pertinence des soins")
			.doesNotContain("AccesSoins")
			.contains("part fixe 150" + NNBSP + "000" + EURO)
			.contains("part variable maximale 137" + NNBSP + "000" + EURO)
			.contains("287" + NNBSP + "000" + EURO)
			.contains("Pour la CPTS du Grand Millau : Marie-Hélène Dupont, porteur du projet")
			.contains("le 02/05/2026 à 14:32")
			.contains("Pour la CPAM de l’Aveyron : Jean Martin, le 03/05/2026 à 09:00")
			.contains("Pour l’ARS Occitanie : Camille Durand, directrice de l’offre de soins, le 04/05/2026 à 17:45")
			.doesNotContain("porteur.76")
			.doesNotContain(CPAM_AGENT)
			.doesNotContain(ARS_AGENT);
	}

	@Test
	void evaluationNoticeCarriesTheYearsPayments() throws IOException {
		String text = issue("evaluationNotifiee", "CPTS-76-2026-7009",
				Map.of("numeroEvaluation", 2L, "dateAnniversaire", date(2028, 6, 1), "avance", 112500L, "dateAvance",
						date(2028, 6, 1), "solde", 90000L, "partVariableVersee", 52500L, "totalAnnuel", 202500L));
		assertThat(text).contains("Année de contrat : 2")
			.contains("Avance (75 % de la part fixe) : 112" + NNBSP + "500" + EURO + ", due le 01/06/2028")
			.contains("Solde : 90" + NNBSP + "000" + EURO + ", dont part variable versée : 52" + NNBSP + "500" + EURO)
			.contains("Total versé au titre de l’année : 202" + NNBSP + "500" + EURO);
	}

	@Test
	void everyDocumentIsPdfA3WithItsFontsEmbedded() throws IOException {
		for (TypeDocument type : TypeDocument.values()) {
			String evenement = java.util.Arrays
				.stream(new String[] { "lettreIntentionRecue", "demandeFirRecue", "projetSanteRecu", "firAccorde",
						"projetSanteValide", "contratSigne", "evaluationNotifiee" })
				.filter((candidate) -> TypeDocument.issuedBy(candidate).orElseThrow() == type)
				.findFirst()
				.orElseThrow(() -> new AssertionError("no event of the test issues " + type));
			// issue() checks PDF/A-3u, the output intent and the embedded fonts
			assertThat(issue(evenement, "CPTS-76-2026-7020", Map.of("nomCpts", "CPTS Sud Aveyron"))).as(type.name())
				.contains("CPTS Sud Aveyron")
				.doesNotContain("CPTS CPTS");
		}
	}

	@Test
	void anAgentWhoMayNotReadOtherUsersStillIssuesDocumentsThatNameThem() throws IOException {
		// The CPAM agent completing a step reads only their own user: the names are
		// looked
		// up without their authentication, which is then restored.
		this.identity.setAuthentication(CPAM_AGENT, List.of("cpam"), List.of("76"));
		try {
			assertThat(this.identity.createUserQuery().userId(ARS_AGENT).count()).as("precondition").isZero();
			assertThat(issue("firAccorde", "CPTS-76-2026-7021",
					Map.of("montantFirAccorde", 30000.0, "deciderFinancementFirDecidePar", ARS_AGENT)))
				.contains("Décision prise par : Camille Durand, directrice de l’offre de soins, ARS Occitanie");
			assertThat(this.identity.getCurrentAuthentication().getUserId()).isEqualTo(CPAM_AGENT);
		}
		finally {
			this.identity.clearAuthentication();
		}
	}

	@Test
	void missionsReadInFrenchAndTheCptsIsNamedOnce() {
		String codes = String.join(",",
				java.util.Arrays.stream(fr.parcourscpts.contrat.Mission.values())
					.map(fr.parcourscpts.contrat.Mission::code)
					.toList());
		String missions = this.documents.missions(codes);
		for (fr.parcourscpts.contrat.Mission mission : fr.parcourscpts.contrat.Mission.values()) {
			assertThat(missions).as(mission.code()).doesNotContain(mission.code());
		}
		assertThat(missions).isEqualTo("accès aux soins, parcours pluriprofessionnels, prévention, "
				+ "crises sanitaires graves, qualité et pertinence des soins, accompagnement des professionnels de santé");
		assertThat(this.documents.designationCpts("CPTS du Grand Millau")).isEqualTo("CPTS du Grand Millau");
		assertThat(this.documents.designationCpts("cpts Lauragais")).isEqualTo("cpts Lauragais");
		assertThat(this.documents.designationCpts("du Lauragais")).isEqualTo("CPTS du Lauragais");
		assertThat(this.documents.designationCpts("CPTSud")).isEqualTo("CPTS CPTSud");
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
	void membersDownloadAndAgentsFollowTheirRuleOthersGet404() throws Exception {
		long dossier = dossier("CPTS-76-2026-7012", "76");
		this.members.add(dossier, "porteur.76", DossierMembers.Role.PORTEUR);
		DocumentOfficiel issued = this.documents
			.issueFor("projetSanteValideTacitement", "CPTS-76-2026-7012", "76",
					Map.of("dateValidationTacite", date(2026, 3, 14)), new Date())
			.orElseThrow();

		// Refused readers come first: a refusal must not render the attestation either.
		assertThat(get(issued.path(), "porteur.52").statusCode()).as("another porteur, first").isEqualTo(404);
		assertThat(get(issued.path(), "ars.52").statusCode()).as("another region's agent, first").isEqualTo(404);
		assertThat(this.jdbc.sql("select count(*) from document where id = :id and contenu is null")
			.param("id", issued.id())
			.query(Long.class)
			.single()).as("still not rendered after the refusals").isEqualTo(1);

		HttpResponse<byte[]> member = get(issued.path(), "porteur.76");
		assertThat(member.statusCode()).isEqualTo(200);
		assertThat(member.headers().firstValue("Content-Type")).hasValue("application/pdf");
		assertThat(member.body()).isEqualTo(this.documents.contenu(issued.id()).orElseThrow());
		// A dossier without lettre nor forwarding is not the ARS's nor the CPAM's yet:
		// the
		// agents' rule, one row per institution in agents/DossierAgentTest.
		assertThat(get(issued.path(), "ars.76").statusCode()).isEqualTo(404);
		assertThat(get(issued.path(), "cpam.76").statusCode()).isEqualTo(404);

		assertThat(get(issued.path(), "porteur.52").statusCode()).as("another porteur").isEqualTo(404);
		assertThat(get(issued.path(), "ars.52").statusCode()).as("an agent of another region").isEqualTo(404);
		assertThat(get("/documents/999999", "ars.76").statusCode()).isEqualTo(404);
		assertThat(get(issued.path(), null).statusCode()).as("anonymous").isNotEqualTo(200);
	}

	private String issue(String evenement, String reference, Map<String, Object> variables) throws IOException {
		Map<String, Object> donnees = new HashMap<>(variables);
		donnees.putIfAbsent("nomCpts", "CPTS du Lauragais");
		DocumentOfficiel issued = this.documents.issueFor(evenement, reference, "76", donnees, new Date())
			.orElseThrow();
		// an attestation is rendered by its first reader
		byte[] pdf = issued.rendu() ? issued.content() : this.documents.contenu(issued.id()).orElseThrow();
		assertThat(new String(pdf, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
		assertPdfA3WithEmbeddedFonts(pdf);
		// Kept to be looked at (pdftoppm) or checked by a PDF/A validator
		java.nio.file.Path out = java.nio.file.Path.of("target", "documents-officiels");
		java.nio.file.Files.createDirectories(out);
		java.nio.file.Files.write(out.resolve(evenement + "-" + reference + ".pdf"), pdf);
		try (PDDocument document = Loader.loadPDF(pdf)) {
			// Lines are joined so that a sentence wrapped by the layout reads as one.
			return new PDFTextStripper().getText(document).replaceAll("\\s*\\R\\s*", " ");
		}
	}

	/**
	 * PDF/A-3u as the XMP metadata declares it, an sRGB output intent, and every font of
	 * every page embedded (no standard PDF font).
	 */
	static void assertPdfA3WithEmbeddedFonts(byte[] pdf) throws IOException {
		try (PDDocument document = Loader.loadPDF(pdf)) {
			PDMetadata metadata = document.getDocumentCatalog().getMetadata();
			assertThat(metadata).as("XMP metadata").isNotNull();
			XMPMetadata xmp;
			try {
				xmp = new DomXmpParser().parse(metadata.exportXMPMetadata());
			}
			catch (Exception ex) {
				throw new AssertionError("XMP metadata unreadable", ex);
			}
			PDFAIdentificationSchema pdfa = xmp.getPDFAIdentificationSchema();
			assertThat(pdfa).as("pdfaid schema").isNotNull();
			assertThat(pdfa.getPart()).isEqualTo(3);
			assertThat(pdfa.getConformance()).isEqualTo("U");
			assertThat(document.getDocumentCatalog().getOutputIntents()).as("output intent")
				.isNotEmpty()
				.allSatisfy((intent) -> assertThat(intent.getDestOutputIntent()).isNotNull());
			int fonts = 0;
			for (PDPage page : document.getPages()) {
				PDResources resources = page.getResources();
				for (COSName name : resources.getFontNames()) {
					PDFont font = resources.getFont(name);
					assertThat(font.isEmbedded()).as("font %s embedded", font.getName()).isTrue();
					assertThat(font.getName()).as("font %s", font.getName()).contains("DejaVuSans");
					fonts++;
				}
			}
			assertThat(fonts).as("fonts used").isPositive();
		}
	}

	private void user(String id, String first, String last, String fonction) {
		if (this.identity.createUserQuery().userId(id).count() == 0) {
			User user = this.identity.newUser(id);
			user.setFirstName(first);
			user.setLastName(last);
			user.setPassword("demo");
			this.identity.saveUser(user);
		}
		if (fonction == null) {
			this.identity.deleteUserInfo(id, Personnes.FONCTION);
		}
		else {
			this.identity.setUserInfo(id, Personnes.FONCTION, fonction);
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
		return BasicHttp.local(this.port).get(path).as(user).send(HttpResponse.BodyHandlers.ofByteArray());
	}

	private static Date date(int year, int month, int day) {
		return Date
			.from(LocalDate.of(year, month, day).atStartOfDay(fr.parcourscpts.dossier.DatesLegales.PARIS).toInstant());
	}

	private static Date instant(String iso) {
		return Date.from(Instant.parse(iso));
	}

	private static String today() {
		return LocalDate.now(fr.parcourscpts.dossier.DatesLegales.PARIS)
			.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy"));
	}

}
