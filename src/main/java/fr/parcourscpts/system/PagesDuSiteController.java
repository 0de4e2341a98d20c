package fr.parcourscpts.system;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The pages that every French public service links from its footer: the accessibility
 * statement, the legal notice, personal data (what is kept, how long, the rights) and the
 * site map. Public, in the portal's layout; who publishes and whom to write to are the
 * operator's settings ({@code parcours.site.*}).
 */
@Controller
class PagesDuSiteController {

	static final String VIEW_ACCESSIBILITE = "pages/accessibilite";

	static final String VIEW_MENTIONS_LEGALES = "pages/mentions-legales";

	static final String VIEW_DONNEES_PERSONNELLES = "pages/donnees-personnelles";

	static final String VIEW_PLAN_DU_SITE = "pages/plan-du-site";

	private final String editeur;

	private final String hebergeur;

	private final String contact;

	private final RepositoryService repository;

	/** How long the mails about no dossier are kept (notification/PurgeCourriels). */
	private final int courrielsMois;

	PagesDuSiteController(@Value("${parcours.site.editeur}") String editeur,
			@Value("${parcours.site.hebergeur}") String hebergeur, @Value("${parcours.site.contact}") String contact,
			RepositoryService repository, @Value("${parcours.purge.courriels-sans-dossier-mois}") int courrielsMois) {
		this.editeur = editeur;
		this.hebergeur = hebergeur;
		this.contact = contact;
		this.repository = repository;
		this.courrielsMois = courrielsMois;
	}

	/**
	 * How long the engine keeps a closed dossier's history: the {@code historyTimeToLive}
	 * of the deployed creation model (the three models have the same), in whole years.
	 */
	long historiqueAnnees() {
		ProcessDefinition creation = this.repository.createProcessDefinitionQuery()
			.processDefinitionKey("cpts-creation")
			.latestVersion()
			.withoutTenantId()
			.singleResult();
		Integer jours = (creation != null) ? creation.getHistoryTimeToLive() : null;
		return (jours != null) ? Math.round(jours / 365.0) : 0;
	}

	@GetMapping("/accessibilite")
	String accessibilite(Model model) {
		model.addAttribute("contact", this.contact);
		return VIEW_ACCESSIBILITE;
	}

	@GetMapping("/mentions-legales")
	String mentionsLegales(Model model) {
		model.addAttribute("editeur", this.editeur);
		model.addAttribute("hebergeur", this.hebergeur);
		model.addAttribute("contact", this.contact);
		return VIEW_MENTIONS_LEGALES;
	}

	@GetMapping("/donnees-personnelles")
	String donneesPersonnelles(Model model) {
		model.addAttribute("editeur", this.editeur);
		model.addAttribute("contact", this.contact);
		model.addAttribute("historiqueAnnees", historiqueAnnees());
		model.addAttribute("courrielsMois", this.courrielsMois);
		return VIEW_DONNEES_PERSONNELLES;
	}

	@GetMapping("/plan-du-site")
	String planDuSite() {
		return VIEW_PLAN_DU_SITE;
	}

}
