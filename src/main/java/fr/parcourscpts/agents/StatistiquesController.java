package fr.parcourscpts.agents;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import fr.parcourscpts.identity.Region;

/**
 * {@code /agents/statistiques}: the figures of the agent's region. An agent and a
 * regional administrator see their own region (their Camunda tenant), whatever
 * {@code region} says; the national administrator ({@code camunda-admin}) chooses one.
 */
@Controller
class StatistiquesController {

	static final String VUE_STATISTIQUES = "agents/statistiques";

	private final StatistiquesRegion statistiques;

	private final ListeDossiers liste;

	private final ExportDossiers libelles;

	StatistiquesController(StatistiquesRegion statistiques, ListeDossiers liste, ExportDossiers libelles) {
		this.statistiques = statistiques;
		this.liste = liste;
		this.libelles = libelles;
	}

	@GetMapping("/agents/statistiques")
	String statistiques(@RequestParam(required = false) String region, @RequestParam(required = false) String q,
			Authentication authentication, Model model) {
		boolean national = authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> "GROUP_camunda-admin".equals(authority.getAuthority()));
		String choisie = national ? Region.ofCode(region).map(Region::code).orElse(null)
				: this.liste.agent(authentication.getName()).region();
		String recherche = (q == null || q.isBlank()) ? null : q.strip();
		model.addAttribute("national", national);
		model.addAttribute("regions", national ? List.of(Region.values()) : List.of());
		model.addAttribute("region", Region.ofCode(choisie).orElse(null));
		model.addAttribute("recherche", recherche);
		model.addAttribute("libelles", this.libelles);
		if (choisie != null) {
			model.addAttribute("stats", this.statistiques.statistiques(choisie, recherche));
		}
		return VUE_STATISTIQUES;
	}

}
