package fr.parcourscpts.portail;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.parcourscpts.portail.Lettres.Lettre;

/**
 * The porteur's side of the messages of a dossier (the thread itself is shown on the
 * dossier page): writing to the institution in charge, the attachments, and the stable
 * link of the mails, by the dossier's reference. Each URL checks the membership first.
 */
@Controller
@RequestMapping("/dossiers")
class MessagerieController {

	private final PortailService portail;

	private final Messagerie messagerie;

	MessagerieController(PortailService portail, Messagerie messagerie) {
		this.portail = portail;
		this.messagerie = messagerie;
	}

	/**
	 * Post/redirect/get: on a refusal the page comes back with the reason and the text
	 * typed (the files must be chosen again: a browser never keeps them).
	 */
	@PostMapping("/{reference}/messages")
	String ecrire(@PathVariable String reference, @RequestParam(name = "texte", required = false) String texte,
			@RequestParam(name = "fichiers", required = false) List<MultipartFile> fichiers, Principal user,
			RedirectAttributes redirect) {
		Lettre lettre = envoyee(reference, user);
		try {
			this.messagerie.ecrireAuNomDuPorteur(lettre.reference(), lettre.region(), user.getName(), texte, fichiers);
			redirect.addFlashAttribute("info", "portail.message.envoye");
		}
		catch (Messagerie.MessageRefuse ex) {
			redirect.addFlashAttribute("messageErreur", ex.getMessage());
			redirect.addFlashAttribute("messageTexte", texte);
		}
		return "redirect:/dossiers/" + lettre.reference() + "#messages";
	}

	@GetMapping("/{reference}/messages/pieces/{pieceId}")
	ResponseEntity<byte[]> piece(@PathVariable String reference, @PathVariable long pieceId, Principal user) {
		Lettre lettre = envoyee(reference, user);
		Messagerie.FichierMessage fichier = this.messagerie.piece(lettre.reference(), pieceId)
			.orElseThrow(DossierIntrouvable::new);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(fichier.nom(), StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(fichier.contenu());
	}

	private Lettre envoyee(String reference, Principal user) {
		Lettre lettre = this.portail.acces(reference, user.getName());
		if (lettre.brouillon()) {
			throw new DossierIntrouvable();
		}
		return lettre;
	}

}
