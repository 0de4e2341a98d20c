package fr.parcourscpts.portail;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.parcourscpts.portail.Lettres.Lettre;

/**
 * Accompaniment, both sides: the porteur invites or withdraws a structure of the lettre's
 * region ({@code /dossiers/{id}/accompagnement}, porteurs only); the structure's members
 * list the lettres they accompany, read one and comment it ({@code /accompagnement},
 * members of an accompanying group only). Anything of another region or not invited is
 * 404, as a lettre that does not exist.
 */
@Controller
class AccompagnementController {

	static final String VIEW_LISTE = "portail/accompagnements";

	static final String VIEW_LETTRE = "portail/accompagnement";

	private final PortailService portail;

	private final Accompagnements accompagnements;

	private final Suivi suivi;

	AccompagnementController(PortailService portail, Accompagnements accompagnements, Suivi suivi) {
		this.portail = portail;
		this.accompagnements = accompagnements;
		this.suivi = suivi;
	}

	// ------------------------------------------------------------ the porteur

	@PostMapping("/dossiers/brouillons/{id}/accompagnement")
	String inviterSurLeBrouillon(@PathVariable long id, @RequestParam String structure, Principal user,
			RedirectAttributes redirect) {
		return inviter(this.portail.acces(id, user.getName()), structure, user, redirect);
	}

	@PostMapping("/dossiers/{reference}/accompagnement")
	String inviter(@PathVariable String reference, @RequestParam String structure, Principal user,
			RedirectAttributes redirect) {
		return inviter(this.portail.acces(reference, user.getName()), structure, user, redirect);
	}

	@PostMapping("/dossiers/brouillons/{id}/accompagnement/retrait")
	String retirerDuBrouillon(@PathVariable long id, @RequestParam String structure, Principal user,
			RedirectAttributes redirect) {
		return retirer(this.portail.acces(id, user.getName()), structure, redirect);
	}

	@PostMapping("/dossiers/{reference}/accompagnement/retrait")
	String retirer(@PathVariable String reference, @RequestParam String structure, Principal user,
			RedirectAttributes redirect) {
		return retirer(this.portail.acces(reference, user.getName()), structure, redirect);
	}

	private String inviter(Lettre lettre, String structure, Principal user, RedirectAttributes redirect) {
		boolean invitee = this.accompagnements.inviter(lettre, structure, user.getName());
		redirect.addFlashAttribute("info", invitee ? "accompagnement.invitee" : "accompagnement.inconnue");
		return retour(lettre);
	}

	private String retirer(Lettre lettre, String structure, RedirectAttributes redirect) {
		this.accompagnements.retirer(lettre, structure);
		redirect.addFlashAttribute("info", "accompagnement.retiree");
		return retour(lettre);
	}

	/** Back to the draft, or to the sent dossier's page (by its reference). */
	private static String retour(Lettre lettre) {
		return lettre.brouillon() ? "redirect:/dossiers/brouillons/" + lettre.id()
				: "redirect:/dossiers/" + lettre.reference();
	}

	// ------------------------------------------------------------ the structures

	@GetMapping("/accompagnement")
	String liste(Authentication user, Model model) {
		model.addAttribute("lettres", this.accompagnements.accompagnees(groupes(user), regions(user)));
		return VIEW_LISTE;
	}

	@GetMapping("/accompagnement/{id}")
	String lettre(@PathVariable long id, Authentication user, Model model) {
		Lettre lettre = this.accompagnements.acces(id, groupes(user), regions(user));
		model.addAttribute("dossier", lettre);
		model.addAttribute("parcours", this.accompagnements.parcours(lettre).orElse(null));
		model.addAttribute("commentaires", this.accompagnements.commentaires(lettre));
		if (!lettre.brouillon()) {
			Map<String, Object> variables = this.suivi.variables(lettre.reference());
			model.addAttribute("etapes", this.suivi.etapes(lettre.reference(), variables));
		}
		else {
			model.addAttribute("etapes", List.of());
		}
		return VIEW_LETTRE;
	}

	@PostMapping("/accompagnement/{id}/commentaires")
	String commenter(@PathVariable long id, @RequestParam String texte, Authentication user,
			RedirectAttributes redirect) {
		Lettre lettre = this.accompagnements.acces(id, groupes(user), regions(user));
		String structure = this.accompagnements.structureDe(lettre, groupes(user), regions(user))
			.orElseThrow(DossierIntrouvable::new);
		String propre = (texte != null) ? texte.strip() : "";
		if (propre.isEmpty() || propre.length() > Accompagnements.TEXTE_MAX) {
			redirect.addFlashAttribute("erreur", "accompagnement.commentaire.invalide");
			return "redirect:/accompagnement/" + id;
		}
		this.accompagnements.commenter(lettre, structure, user.getName(), propre);
		redirect.addFlashAttribute("info", "accompagnement.commentaire.enregistre");
		return "redirect:/accompagnement/" + id;
	}

	private static List<String> groupes(Authentication user) {
		return authorities(user, "GROUP_");
	}

	private static List<String> regions(Authentication user) {
		return authorities(user, "REGION_");
	}

	private static List<String> authorities(Authentication user, String prefix) {
		return user.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith(prefix))
			.map((authority) -> authority.substring(prefix.length()))
			.toList();
	}

}
