package fr.parcourscpts.dossier;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Where administrators see what the purge of the dossiers removed and when: the last
 * runs, with counts only (no dossier named). The access to {@code /admin/**} is limited
 * to the administrators in the security configuration; the counts are the whole
 * service's, the same for a regional administrator as for a national one, since they name
 * no dossier.
 */
@Controller
class PurgesAdminController {

	static final String VIEW = "dossier/purges";

	static final int PASSAGES = 50;

	private final PurgeDossiers purge;

	PurgesAdminController(PurgeDossiers purge) {
		this.purge = purge;
	}

	@GetMapping("/admin/purges")
	String list(Model model) {
		model.addAttribute("passages", this.purge.derniers(PASSAGES));
		model.addAttribute("retentionJours", this.purge.retention().map((d) -> d.toDays()).orElse(null));
		return VIEW;
	}

}
