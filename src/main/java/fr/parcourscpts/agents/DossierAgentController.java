package fr.parcourscpts.agents;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.parcourscpts.documents.DocumentOfficiel;
import fr.parcourscpts.portail.DossiersLecture.FichierLu;
import fr.parcourscpts.portail.Messagerie;

/**
 * The whole dossier as the agent's institution may see it, and its pieces. Security lets
 * only agents and administrators in; {@link DossierAgent} checks the region and the
 * institution per dossier.
 */
@Controller
@RequestMapping("/agents/dossiers")
class DossierAgentController {

	static final String VIEW_DOSSIER = "agents/dossier";

	private final DossierAgent dossiers;

	private final MessageSource messages;

	DossierAgentController(DossierAgent dossiers, MessageSource messages) {
		this.dossiers = dossiers;
		this.messages = messages;
	}

	@GetMapping("/{reference}")
	String dossier(@PathVariable String reference, Authentication user, Model model) {
		VisibiliteDossier.Lecteur lecteur = VisibiliteDossier.Lecteur.of(user);
		model.addAttribute("page", this.dossiers.page(reference, lecteur));
		model.addAttribute("texteMax", Messagerie.TEXTE_MAX);
		// shown once as "non lu", read from now on
		this.dossiers.messagesLus(reference, lecteur, user.getName());
		return VIEW_DOSSIER;
	}

	/**
	 * Post/redirect/get: on a refusal the page comes back with the reason and the text
	 * typed.
	 */
	@PostMapping("/{reference}/notes")
	String note(@PathVariable String reference, @RequestParam(name = "texte", required = false) String texte,
			Authentication user, RedirectAttributes redirect) {
		try {
			this.dossiers.ajouterNote(reference, VisibiliteDossier.Lecteur.of(user), user.getName(), texte);
			redirect.addFlashAttribute("info", "agents.notes.ajoutee");
		}
		catch (DossierAgent.Refus ex) {
			redirect.addFlashAttribute("noteErreur", message(ex));
			redirect.addFlashAttribute("noteTexte", texte);
		}
		return "redirect:/agents/dossiers/" + reference + "#notes";
	}

	@PostMapping("/{reference}/messages")
	String message(@PathVariable String reference, @RequestParam(name = "texte", required = false) String texte,
			@RequestParam(name = "fichiers", required = false) List<MultipartFile> fichiers, Authentication user,
			RedirectAttributes redirect) {
		try {
			this.dossiers.ecrire(reference, VisibiliteDossier.Lecteur.of(user), user.getName(), texte, fichiers);
			redirect.addFlashAttribute("info", "messagerie.envoye");
		}
		catch (DossierAgent.Refus ex) {
			redirect.addFlashAttribute("messageErreur", message(ex));
			redirect.addFlashAttribute("messageTexte", texte);
		}
		catch (Messagerie.MessageRefuse ex) {
			redirect.addFlashAttribute("messageErreur", ex.getMessage());
			redirect.addFlashAttribute("messageTexte", texte);
		}
		return "redirect:/agents/dossiers/" + reference + "#messages";
	}

	@GetMapping("/{reference}/messages/pieces/{pieceId}")
	ResponseEntity<byte[]> pieceMessage(@PathVariable String reference, @PathVariable long pieceId,
			Authentication user) {
		Messagerie.FichierMessage fichier = this.dossiers.pieceMessage(reference, pieceId,
				VisibiliteDossier.Lecteur.of(user));
		return attachment(fichier.nom(), fichier.contenu());
	}

	private String message(DossierAgent.Refus refus) {
		return this.messages.getMessage(refus.code(), refus.arguments(), Locale.FRANCE);
	}

	/**
	 * Served here rather than by {@code /documents/{id}}, which lets every agent of the
	 * region read every document: here the dossier's rule applies.
	 */
	@GetMapping("/{reference}/documents/{documentId}")
	ResponseEntity<byte[]> document(@PathVariable String reference, @PathVariable long documentId,
			Authentication user) {
		DocumentOfficiel document = this.dossiers.document(reference, documentId, VisibiliteDossier.Lecteur.of(user));
		return attachment(document.fileName(), document.content());
	}

	@GetMapping("/{reference}/pieces/{pieceId}")
	ResponseEntity<byte[]> piece(@PathVariable String reference, @PathVariable long pieceId, Authentication user) {
		FichierLu fichier = this.dossiers.piece(reference, pieceId, VisibiliteDossier.Lecteur.of(user));
		return attachment(fichier.nom(), fichier.contenu());
	}

	private static ResponseEntity<byte[]> attachment(String nom, byte[] contenu) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(nom, StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(contenu);
	}

}
