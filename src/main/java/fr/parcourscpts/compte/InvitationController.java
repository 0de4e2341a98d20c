package fr.parcourscpts.compte;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;

import fr.parcourscpts.compte.Invitations.Acceptation;
import fr.parcourscpts.compte.Invitations.Apercu;
import fr.parcourscpts.dossier.Dossiers;
import fr.parcourscpts.dossier.Dossiers.Dossier;

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

	private final Dossiers dossiers;

	InvitationController(Invitations invitations, ComptesProperties proprietes, MessageSource messages,
			Dossiers dossiers) {
		this.invitations = invitations;
		this.dossiers = dossiers;
		this.proprietes = proprietes;
		this.messages = messages;
	}

	@GetMapping("/invitations/dossier/{reference}")
	String page(@PathVariable String reference, Authentication authentication, Model model) {
		return pageDossier(dossier(reference), authentication, null, null, model);
	}

	@PostMapping("/invitations/dossier/{reference}")
	String inviter(@PathVariable String reference, @RequestParam(name = "email", defaultValue = "") String email,
			Authentication authentication, HttpServletRequest request, Model model) {
		Dossier dossier = dossier(reference);
		Optional<String> erreur = this.invitations.inviter(dossier.id(), authentication.getName(), email,
				request.getRemoteAddr());
		if (erreur.isPresent()) {
			return pageDossier(dossier, authentication, erreur.get(), email, model);
		}
		return "redirect:/invitations/dossier/" + dossier.reference() + "?envoyee";
	}

	/**
	 * The dossier of the URL; whether the user is a member, {@link Invitations} checks.
	 */
	private Dossier dossier(String reference) {
		return this.dossiers.byReference(reference)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
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

	private String pageDossier(Dossier dossier, Authentication authentication, String erreur, String email,
			Model model) {
		model.addAttribute("enAttente", this.invitations.enAttente(dossier.id(), authentication.getName()));
		model.addAttribute("reference", dossier.reference());
		model.addAttribute("erreurInvitation", erreur);
		model.addAttribute("emailInvite", email);
		model.addAttribute("validite", Durees.texte(this.proprietes.getInvitation(), this.messages));
		return VIEW_DOSSIER;
	}

}
