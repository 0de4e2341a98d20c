package fr.parcourscpts.compte;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-up and the confirmation link of the address. */
@Controller
class InscriptionController {

	static final String VIEW_FORM = "compte/inscription";

	static final String VIEW_ENVOYEE = "compte/inscription-envoyee";

	static final String VIEW_LIEN_INVALIDE = "compte/lien-invalide";

	static final String VIEW_CONFIRMATION = "compte/confirmation";

	private final Comptes comptes;

	private final ComptesProperties proprietes;

	private final MessageSource messages;

	InscriptionController(Comptes comptes, ComptesProperties proprietes, MessageSource messages) {
		this.comptes = comptes;
		this.proprietes = proprietes;
		this.messages = messages;
	}

	@ModelAttribute("professions")
	Profession[] professions() {
		return Profession.values();
	}

	@GetMapping("/inscription")
	String formulaire(@RequestParam(name = "email", required = false) String email, Model model) {
		InscriptionForm form = new InscriptionForm();
		if (email != null) {
			form.setEmail(email);
		}
		model.addAttribute("inscription", form);
		return VIEW_FORM;
	}

	@PostMapping("/inscription")
	String inscrire(@ModelAttribute("inscription") InscriptionForm form, BindingResult errors,
			HttpServletRequest request) {
		form.valider(errors);
		if (errors.hasErrors()) {
			return VIEW_FORM;
		}
		this.comptes.inscrire(form.inscription(), request.getRemoteAddr());
		return "redirect:/inscription/envoyee";
	}

	@GetMapping("/inscription/envoyee")
	String envoyee(Model model) {
		model.addAttribute("validite", Durees.texte(this.proprietes.getConfirmation(), this.messages));
		return VIEW_ENVOYEE;
	}

	/**
	 * The link of the mail opens a page with a button: a GET confirms nothing, since mail
	 * scanners follow the links they find.
	 */
	@GetMapping("/inscription/confirmation")
	String confirmation(@RequestParam(name = "jeton", required = false) String jeton, Model model) {
		EtatLien etat = this.comptes.verifierConfirmation(jeton);
		if (etat != EtatLien.VALIDE) {
			return lienInvalide(etat, model);
		}
		model.addAttribute("jeton", jeton);
		return VIEW_CONFIRMATION;
	}

	@PostMapping("/inscription/confirmation")
	String confirmer(@RequestParam(name = "jeton", required = false) String jeton, Model model) {
		EtatLien etat = this.comptes.confirmer(jeton);
		if (etat == EtatLien.VALIDE) {
			return "redirect:/connexion?confirme";
		}
		return lienInvalide(etat, model);
	}

	private static String lienInvalide(EtatLien etat, Model model) {
		model.addAttribute("etat", etat);
		model.addAttribute("titre", "compte.confirmation.titre");
		model.addAttribute("heading", "compte.confirmation.heading");
		model.addAttribute("recommencer", "/inscription");
		model.addAttribute("recommencerTexte", "compte.confirmation.recommencer");
		return VIEW_LIEN_INVALIDE;
	}

}
