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

/** "Mot de passe oublié": the request of a link, and the new password it leads to. */
@Controller
class MotDePasseController {

	static final String VIEW_OUBLIE = "compte/mot-de-passe-oublie";

	static final String VIEW_NOUVEAU = "compte/mot-de-passe-nouveau";

	private final Comptes comptes;

	private final ComptesProperties proprietes;

	private final MessageSource messages;

	MotDePasseController(Comptes comptes, ComptesProperties proprietes, MessageSource messages) {
		this.comptes = comptes;
		this.proprietes = proprietes;
		this.messages = messages;
	}

	@ModelAttribute("validite")
	String validite() {
		return Durees.texte(this.proprietes.getReinitialisation(), this.messages);
	}

	@GetMapping("/mot-de-passe/oublie")
	String oublie(Model model) {
		model.addAttribute("demande", new EmailForm());
		return VIEW_OUBLIE;
	}

	/** The same answer whether the address has an account or not. */
	@PostMapping("/mot-de-passe/oublie")
	String demander(@ModelAttribute("demande") EmailForm form, BindingResult errors, HttpServletRequest request) {
		if (form.getEmail() == null || form.getEmail().isBlank()) {
			errors.rejectValue("email", "compte.email.obligatoire");
			return VIEW_OUBLIE;
		}
		this.comptes.demanderReinitialisation(form.getEmail(), request.getRemoteAddr());
		return "redirect:/mot-de-passe/oublie?envoye";
	}

	/** Opening the link only shows the form: the token is used by its POST alone. */
	@GetMapping("/mot-de-passe/nouveau")
	String nouveau(@RequestParam(name = "jeton", required = false) String jeton, Model model) {
		EtatLien etat = this.comptes.verifierReinitialisation(jeton);
		if (etat != EtatLien.VALIDE) {
			return lienInvalide(etat, model);
		}
		MotDePasseForm form = new MotDePasseForm();
		form.setJeton(jeton);
		model.addAttribute("nouveau", form);
		return VIEW_NOUVEAU;
	}

	@PostMapping("/mot-de-passe/nouveau")
	String enregistrer(@ModelAttribute("nouveau") MotDePasseForm form, BindingResult errors, Model model) {
		form.valider(errors);
		if (errors.hasErrors()) {
			EtatLien etat = this.comptes.verifierReinitialisation(form.getJeton());
			return (etat == EtatLien.VALIDE) ? VIEW_NOUVEAU : lienInvalide(etat, model);
		}
		EtatLien etat = this.comptes.reinitialiser(form.getJeton(), form.getMotDePasse());
		if (etat != EtatLien.VALIDE) {
			return lienInvalide(etat, model);
		}
		return "redirect:/connexion?motDePasseChange";
	}

	private static String lienInvalide(EtatLien etat, Model model) {
		model.addAttribute("etat", etat);
		model.addAttribute("titre", "compte.nouveau.titre");
		model.addAttribute("heading", "compte.nouveau.heading");
		model.addAttribute("recommencer", "/mot-de-passe/oublie");
		model.addAttribute("recommencerTexte", "compte.nouveau.redemander");
		return InscriptionController.VIEW_LIEN_INVALIDE;
	}

}
