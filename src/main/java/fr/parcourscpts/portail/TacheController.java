package fr.parcourscpts.portail;

import java.security.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import fr.parcourscpts.intention.CreationProcess;
import fr.parcourscpts.portail.Lettres.Lettre;

/**
 * "À faire": one page per open porteur task of the dossier, with the form of that task.
 */
@Controller
@RequestMapping("/dossiers/{reference}/taches")
class TacheController {

	static final String VIEW_TACHE = "portail/tache";

	private final PortailService portail;

	private final Suivi suivi;

	private final Taches taches;

	private final PiecesJointes pieces;

	TacheController(PortailService portail, Suivi suivi, Taches taches, PiecesJointes pieces) {
		this.portail = portail;
		this.suivi = suivi;
		this.taches = taches;
		this.pieces = pieces;
	}

	@GetMapping
	String liste(@PathVariable String reference, Principal user) {
		return "redirect:" + this.portail.acces(reference, user.getName()).chemin() + "#a-faire";
	}

	@GetMapping("/{taskId}")
	String tache(@PathVariable String reference, @PathVariable String taskId, Principal user, Model model) {
		Lettre lettre = this.portail.acces(reference, user.getName());
		Suivi.Tache tache = this.taches.tache(lettre, taskId);
		if (tache.cle().equals(CreationProcess.CORRIGER_LETTRE_INTENTION)) {
			return "redirect:" + lettre.chemin() + "/lettre";
		}
		Map<String, String> saisie = new LinkedHashMap<>(this.taches.projetSante(lettre.id()));
		return page(lettre, tache, saisie, Map.of(), model);
	}

	@PostMapping("/{taskId}")
	String completer(@PathVariable String reference, @PathVariable String taskId,
			@RequestParam Map<String, String> champs,
			@RequestParam(name = "fichier", required = false) MultipartFile fichier, Principal user,
			HttpServletRequest request, Model model, RedirectAttributes redirect) {
		Lettre lettre = this.portail.acces(reference, user.getName());
		Suivi.Tache tache = this.taches.tache(lettre, taskId);
		try {
			this.taches.completer(lettre, tache, user.getName(),
					new Taches.Saisie(champs, fichier, DossierController.adresseIp(request)));
		}
		catch (Taches.SaisieInvalide ex) {
			model.addAttribute("nomFichier",
					Taches.fourni(fichier) ? PiecesJointes.nomAffiche(fichier.getOriginalFilename()) : "");
			return page(lettre, tache, champs, ex.erreurs(), model);
		}
		redirect.addFlashAttribute("info", "portail.tache.terminee");
		return "redirect:" + lettre.chemin();
	}

	private String page(Lettre lettre, Suivi.Tache tache, Map<String, String> saisie, Map<String, String> erreurs,
			Model model) {
		if (!model.containsAttribute("nomFichier")) {
			model.addAttribute("nomFichier", "");
		}
		model.addAttribute("dossier", lettre);
		model.addAttribute("tache", tache);
		model.addAttribute("saisie", saisie);
		// French messages; only the file ones name the file (and the dossier's quotas)
		Map<String, String> messages = new LinkedHashMap<>();
		String nomFichier = (String) model.getAttribute("nomFichier");
		erreurs.forEach((champ, code) -> messages.put(champ, code.startsWith("portail.piece.")
				? this.portail.message(code, this.pieces.arguments(nomFichier)) : this.portail.message(code)));
		model.addAttribute("erreurs", messages);
		model.addAttribute("variables", this.suivi.variables(lettre.reference()));
		// the statuts are required until some are stored: then a new file adds to them
		model.addAttribute("statutsDeposes", this.pieces.existe(lettre.id(), PiecesJointes.Categorie.STATUTS));
		List<String> indicateurs = new ArrayList<>(Taches.INDICATEURS_ENTIERS);
		indicateurs.addAll(Taches.INDICATEURS_TAUX);
		model.addAttribute("indicateurs", indicateurs);
		return VIEW_TACHE;
	}

}
