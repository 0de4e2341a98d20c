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
 * Downloads an official document: for the members of its dossier and the agents of its
 * region only. Anyone else gets 404, as if it did not exist.
 */
@RestController
class DocumentController {

	private final DocumentsOfficiels documents;

	private final DossierMembers members;

	private final Dossiers dossiers;

	DocumentController(DocumentsOfficiels documents, DossierMembers members, Dossiers dossiers) {
		this.documents = documents;
		this.members = members;
		this.dossiers = dossiers;
	}

	@GetMapping("/documents/{id}")
	ResponseEntity<byte[]> download(@PathVariable long id, Authentication authentication) {
		DocumentsOfficiels.Stored document = this.documents.find(id)
			.filter((stored) -> mayRead(authentication, stored))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline().filename(document.fileName()).build().toString())
			.body(document.content());
	}

	private boolean mayRead(Authentication authentication, DocumentsOfficiels.Stored document) {
		if (isAgentOfRegion(authentication, document.region())) {
			return true;
		}
		return this.dossiers.byReference(document.reference())
			.filter((dossier) -> this.members.isMember(dossier.id(), authentication.getName()))
			.isPresent();
	}

	private static boolean isAgentOfRegion(Authentication authentication, String region) {
		boolean ofRegion = has(authentication, "REGION_" + region);
		boolean agent = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.filter((authority) -> authority.startsWith("GROUP_"))
			.map((authority) -> Institution.ofGroupId(authority.substring("GROUP_".length())))
			.anyMatch((institution) -> institution.isPresent() && institution.get().isAgent());
		return ofRegion && agent;
	}

	private static boolean has(Authentication authentication, String authority) {
		return authentication.getAuthorities().stream().anyMatch((granted) -> granted.getAuthority().equals(authority));
	}

}
