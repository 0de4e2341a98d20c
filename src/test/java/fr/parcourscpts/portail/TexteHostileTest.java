package fr.parcourscpts.portail;

import static fr.parcourscpts.portail.PortailFixtures.porteur;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.interactive.action.PDActionURI;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotationLink;
import org.apache.pdfbox.text.PDFTextStripper;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.util.HtmlUtils;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.system.AbuseSuite;

/**
 * A CPTS name written in Markdown and HTML, sent through the portal, comes out as its
 * literal characters wherever the application writes it for a person: the porteur's
 * dossier page, the receipt mail (HTML and text) and the receipt PDF. Nothing of it
 * becomes a tag, a link or an image.
 */
@ApplicationTest
class TexteHostileTest {

	private static final String NOM_HOSTILE = "**gras** [lien](https://exemple.invalid) "
			+ "<img src=https://exemple.invalid/x.png> # titre";

	@Autowired
	WebApplicationContext context;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = PortailFixtures.mvc(this.context);
	}

	@Test
	void aHostileCptsNameIsLiteralTextOnTheDossierPageInTheMailAndInThePdf() throws Exception {
		long lettre = PortailFixtures.envoyer(this.mvc, "porteur.76", NOM_HOSTILE, "31555");
		String reference = PortailFixtures.reference(this.jdbc, lettre);
		executerJobs(reference);

		String page = this.mvc.perform(get(PortailFixtures.dossier(this.jdbc, lettre)).with(porteur("porteur.76")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		boolean pageLitterale = literalInHtml(page);
		AbuseSuite.attempt("texte hostile", "nom de CPTS en Markdown et HTML sur la page du dossier", pageLitterale);
		assertThat(page).contains(HtmlUtils.htmlEscape(NOM_HOSTILE)).doesNotContain("<img");
		assertThat(pageLitterale).isTrue();

		Map<String, Object> courriel = this.jdbc.sql(
				"select corps_html, corps_texte from courriel where reference = :r and modele = 'lettreIntentionRecue'")
			.param("r", reference)
			.query()
			.listOfRows()
			.get(0);
		String html = (String) courriel.get("corps_html");
		String texte = (String) courriel.get("corps_texte");
		boolean courrielLitteral = literalInHtml(html) && texte.contains(NOM_HOSTILE);
		AbuseSuite.attempt("texte hostile", "nom de CPTS en Markdown et HTML dans un courriel", courrielLitteral);
		assertThat(html).contains(HtmlUtils.htmlEscape(NOM_HOSTILE))
			.doesNotContain("<img")
			.doesNotContain("href=\"https://exemple.invalid");
		assertThat(texte).contains(NOM_HOSTILE);
		assertThat(courrielLitteral).isTrue();

		byte[] pdf = this.jdbc
			.sql("select contenu from document where reference = :r and type = 'ACCUSE_RECEPTION_LETTRE'")
			.param("r", reference)
			.query(byte[].class)
			.single();
		try (PDDocument document = Loader.loadPDF(pdf)) {
			// Lines are joined so that a name wrapped by the layout reads as one.
			String text = new PDFTextStripper().getText(document).replaceAll("\\s*\\R\\s*", " ");
			List<String> liens = links(document);
			boolean pdfLitteral = text.contains(NOM_HOSTILE) && liens.isEmpty();
			AbuseSuite.attempt("texte hostile", "nom de CPTS en Markdown et HTML dans un PDF officiel", pdfLitteral);
			assertThat(text).contains(NOM_HOSTILE);
			assertThat(liens).as("liens du PDF").isEmpty();
			assertThat(pdfLitteral).isTrue();
		}
	}

	/** The name escaped once, and no tag, link or image made of it. */
	private static boolean literalInHtml(String html) {
		return html.contains(HtmlUtils.htmlEscape(NOM_HOSTILE)) && !html.contains("<img")
				&& !html.contains("href=\"https://exemple.invalid") && !html.contains("<strong>gras</strong>");
	}

	private static List<String> links(PDDocument document) throws java.io.IOException {
		List<String> uris = new ArrayList<>();
		for (PDPage page : document.getPages()) {
			for (PDAnnotation annotation : page.getAnnotations()) {
				if (annotation instanceof PDAnnotationLink link && link.getAction() instanceof PDActionURI uri) {
					uris.add(uri.getURI());
				}
			}
		}
		return uris;
	}

	private void executerJobs(String reference) {
		String processInstanceId = this.runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(reference)
			.processDefinitionKey("cpts-creation")
			.singleResult()
			.getId();
		for (int i = 0; i < 10; i++) {
			List<Job> jobs = this.management.createJobQuery().processInstanceId(processInstanceId).executable().list();
			jobs.removeIf((job) -> job.getDuedate() != null && job.getDuedate().after(new Date()));
			if (jobs.isEmpty()) {
				return;
			}
			jobs.forEach((job) -> this.management.executeJob(job.getId()));
		}
	}

}
