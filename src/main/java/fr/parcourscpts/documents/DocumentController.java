package fr.parcourscpts.documents;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import fr.parcourscpts.dossier.DossierMembers;
import fr.parcourscpts.dossier.Dossiers;
import fr.parcourscpts.identity.Institution;

/**
 * Downloads an official document: for the members of its dossier, and for the agents
 * whose institution may see that document of that dossier (the agents' rule,
 * {@link LectureDocumentsAgents}: e.g. an URPS never gets the FIR decision, no agent gets
 * a document of another region). Anyone else gets 404, as if it did not exist.
 */
@RestController
class DocumentController {

	private final DocumentsOfficiels documents;

	private final DossierMembers members;

	private final Dossiers dossiers;

	private final LectureDocumentsAgents agents;

	DocumentController(DocumentsOfficiels documents, DossierMembers members, Dossiers dossiers,
			LectureDocumentsAgents agents) {
		this.documents = documents;
		this.members = members;
		this.dossiers = dossiers;
		this.agents = agents;
	}

	@GetMapping("/documents/{id}")
	ResponseEntity<byte[]> download(@PathVariable long id, Authentication authentication) {
		DocumentsOfficiels.Stored document = this.documents.find(id)
			.filter((stored) -> mayRead(authentication, id, stored))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename(document.fileName()).build().toString())
			.body(this.documents.contenu(document.id()).orElseThrow());
	}

	private boolean mayRead(Authentication authentication, long id, DocumentsOfficiels.Stored document) {
		if (this.dossiers.byReference(document.reference())
			.filter((dossier) -> this.members.isMember(dossier.id(), authentication.getName()))
			.isPresent()) {
			return true;
		}
		return isAgentOrAdministrator(authentication) && this.agents.peutLire(authentication, document.reference(), id);
	}

	/**
	 * Porteurs read their own dossiers' documents only, never through the agents' rule.
	 */
	private static boolean isAgentOrAdministrator(Authentication authentication) {
		return authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("GROUP_"))
			.noneMatch((authority) -> authority.equals("GROUP_" + Institution.PORTEURS.groupId()));
	}

}
