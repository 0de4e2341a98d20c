package fr.parcourscpts.agents;

import java.nio.charset.StandardCharsets;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

import fr.parcourscpts.documents.DocumentOfficiel;
import fr.parcourscpts.portail.DossiersLecture.FichierLu;

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

	DossierAgentController(DossierAgent dossiers) {
		this.dossiers = dossiers;
	}

	@GetMapping("/{reference}")
	String dossier(@PathVariable String reference, Authentication user, Model model) {
		model.addAttribute("page", this.dossiers.page(reference, VisibiliteDossier.Lecteur.of(user)));
		return VIEW_DOSSIER;
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
