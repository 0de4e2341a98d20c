package fr.parcourscpts.compte;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

import fr.parcourscpts.compte.Invitations.Acceptation;
import fr.parcourscpts.compte.Invitations.Apercu;

/**
 * Invitations of co-porteurs: the invitation page of a dossier (members only), the page
 * the link of the mail opens (public, so that the invitee sees what it is before logging
 * in or signing up), and the acceptance (logged in with the invited address).
 */
@Controller
class InvitationController {

	static final String VIEW_DOSSIER = "compte/invitation-dossier";

	static final String VIEW_INVITATION = "compte/invitation";

	static final String VIEW_ACCEPTEE = "compte/invitation-acceptee";

	private final Invitations invitations;

	private final ComptesProperties proprietes;

	private final MessageSource messages;

	InvitationController(Invitations invitations, ComptesProperties proprietes, MessageSource messages) {
		this.invitations = invitations;
		this.proprietes = proprietes;
		this.messages = messages;
	}

	@GetMapping("/invitations/dossier/{dossierId}")
	String page(@PathVariable long dossierId, Authentication authentication, Model model) {
		return pageDossier(dossierId, authentication, null, null, model);
	}

	@PostMapping("/invitations/dossier/{dossierId}")
	String inviter(@PathVariable long dossierId, @RequestParam(name = "email", defaultValue = "") String email,
			Authentication authentication, HttpServletRequest request, Model model) {
		Optional<String> erreur = this.invitations.inviter(dossierId, authentication.getName(), email,
				request.getRemoteAddr());
		if (erreur.isPresent()) {
			return pageDossier(dossierId, authentication, erreur.get(), email, model);
		}
		return "redirect:/invitations/dossier/" + dossierId + "?envoyee";
	}

	@GetMapping("/invitation")
	String invitation(@RequestParam(name = "jeton", defaultValue = "") String jeton, Authentication authentication,
			Model model) {
		Optional<Apercu> apercu = this.invitations.apercu(jeton);
		boolean connecte = authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
		String refus = null;
		if (apercu.isEmpty()) {
			refus = EtatLien.INCONNU.messageKey();
		}
		else if (apercu.get().etat() != EtatLien.VALIDE) {
			refus = apercu.get().etat().messageKey();
		}
		else if (connecte && !apercu.get().email().equals(authentication.getName())) {
			refus = "compte.invitation.autreCompte";
		}
		model.addAttribute("apercu", apercu.orElse(null));
		model.addAttribute("refus", refus);
		model.addAttribute("connecte", connecte);
		model.addAttribute("jeton", jeton);
		return VIEW_INVITATION;
	}

	/** Needs a login: the login page comes first, then back to the invitation. */
	@GetMapping("/invitation/connexion")
	String connexion(@RequestParam(name = "jeton", defaultValue = "") String jeton) {
		return "redirect:"
				+ UriComponentsBuilder.fromPath("/invitation").queryParam("jeton", jeton).encode().toUriString();
	}

	@PostMapping("/invitation/acceptation")
	String accepter(@RequestParam(name = "jeton", defaultValue = "") String jeton, Authentication authentication,
			Model model) {
		Acceptation acceptation = this.invitations.accepter(jeton, authentication.getName());
		if (!acceptation.acceptee()) {
			model.addAttribute("apercu", this.invitations.apercu(jeton).orElse(null));
			model.addAttribute("refus", acceptation.refus());
			model.addAttribute("connecte", true);
			model.addAttribute("jeton", jeton);
			return VIEW_INVITATION;
		}
		return VIEW_ACCEPTEE;
	}

	private String pageDossier(long dossierId, Authentication authentication, String erreur, String email,
			Model model) {
		model.addAttribute("enAttente", this.invitations.enAttente(dossierId, authentication.getName()));
		model.addAttribute("reference", this.invitations.reference(dossierId));
		model.addAttribute("dossierId", dossierId);
		model.addAttribute("erreurInvitation", erreur);
		model.addAttribute("emailInvite", email);
		model.addAttribute("validite", Durees.texte(this.proprietes.getInvitation(), this.messages));
		return VIEW_DOSSIER;
	}

}
