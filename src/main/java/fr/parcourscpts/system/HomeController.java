package fr.parcourscpts.system;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The public home page, the login page, and the landing page after login that sends each
 * kind of user to their tool: agents to Tasklist, administrators to Cockpit, porteurs to
 * the portal.
 */
@Controller
class HomeController {

	static final String VIEW_HOME = "system/home";

	static final String VIEW_LOGIN = "system/login";

	static final String VIEW_LANDING = "system/landing";

	@GetMapping("/")
	String home() {
		return VIEW_HOME;
	}

	@GetMapping("/connexion")
	String login(@RequestParam(name = "error", required = false) String error,
			@RequestParam(name = "attente", required = false) Long attente, Model model) {
		model.addAttribute("loginError", error != null);
		// Minutes to wait after too many failed logins (identity's LoginRefusals).
		model.addAttribute("attente", (attente != null && attente > 0) ? attente : null);
		return VIEW_LOGIN;
	}

	@GetMapping("/accueil")
	String landing(Authentication authentication, Model model) {
		boolean admin = has(authentication, "GROUP_camunda-admin") || has(authentication, "GROUP_administrateurs");
		boolean porteur = has(authentication, "GROUP_porteurs");
		if (porteur && !admin) {
			// A porteur's home is the portal.
			return "redirect:/dossiers";
		}
		boolean accompagne = has(authentication, "GROUP_apmsl") || has(authentication, "GROUP_inter-urps")
				|| has(authentication, "GROUP_guichet-cpts");
		if (has(authentication, "GROUP_apmsl") && !admin && !porteur) {
			// a structure that only accompanies works from its accompanied dossiers
			return "redirect:/accompagnement";
		}
		model.addAttribute("accompagne", accompagne);
		model.addAttribute("administrateur", admin);
		model.addAttribute("porteur", porteur);
		model.addAttribute("agent", !admin && !porteur);
		model.addAttribute("regions",
				authentication.getAuthorities()
					.stream()
					.map(GrantedAuthority::getAuthority)
					.filter((authority) -> authority.startsWith("REGION_"))
					.map((authority) -> authority.substring("REGION_".length()))
					.toList());
		return VIEW_LANDING;
	}

	private static boolean has(Authentication authentication, String authority) {
		return authentication.getAuthorities().stream().anyMatch((granted) -> granted.getAuthority().equals(authority));
	}

}
