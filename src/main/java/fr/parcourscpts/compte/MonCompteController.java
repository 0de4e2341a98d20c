package fr.parcourscpts.compte;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.http.HttpStatus;

/** "Mon compte": who I am, and a new password. */
@Controller
class MonCompteController {

	static final String VIEW = "compte/mon-compte";

	private final Comptes comptes;

	MonCompteController(Comptes comptes) {
		this.comptes = comptes;
	}

	@GetMapping("/compte")
	String monCompte(Authentication authentication, Model model) {
		model.addAttribute("changement", new MotDePasseForm());
		return afficher(authentication, model);
	}

	@PostMapping("/compte/mot-de-passe")
	String changer(@ModelAttribute("changement") MotDePasseForm form, BindingResult errors,
			Authentication authentication, Model model) {
		if (form.getActuel() == null || form.getActuel().isEmpty()) {
			errors.rejectValue("actuel", "compte.motDePasse.actuelObligatoire");
		}
		form.valider(errors);
		if (!errors.hasErrors()) {
			this.comptes.changerMotDePasse(authentication.getName(), form.getActuel(), form.getMotDePasse())
				.ifPresent((refus) -> errors.rejectValue("actuel", refus));
		}
		if (errors.hasErrors()) {
			return afficher(authentication, model);
		}
		return "redirect:/compte?motDePasseChange";
	}

	private String afficher(Authentication authentication, Model model) {
		model.addAttribute("profil", this.comptes.profil(authentication.getName())
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
		return VIEW;
	}

}
