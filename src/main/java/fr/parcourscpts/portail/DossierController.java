package fr.parcourscpts.portail;

import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import fr.parcourscpts.documents.DocumentsOfficiels;
import fr.parcourscpts.intention.CreationProcess;
import fr.parcourscpts.portail.Lettres.Lettre;
import fr.parcourscpts.territoire.Territoire;

/**
 * The porteur's pages: "Mes dossiers", the lettre d'intention (draft, send, correction),
 * the receipt, the dossier with its timeline, tasks and documents, the downloads and the
 * abandon. Every URL with an id first checks that the user may act for that dossier.
 */
@Controller
@RequestMapping("/dossiers")
class DossierController {

	static final String VIEW_LISTE = "portail/dossiers";

	static final String VIEW_LETTRE = "portail/lettre";

	static final String VIEW_RECU = "portail/recu";

	static final String VIEW_DOSSIER = "portail/dossier";

	static final String VIEW_ABANDON = "portail/abandon";

	private static final int LIGNES_BUDGET_VIDES = 3;

	private final PortailService portail;

	private final Suivi suivi;

	private final Taches taches;

	private final PiecesJointes pieces;

	private final RuntimeService runtime;

	private final DocumentsOfficiels documents;

	private final Accompagnements accompagnements;

	DossierController(PortailService portail, Suivi suivi, Taches taches, PiecesJointes pieces, RuntimeService runtime,
			DocumentsOfficiels documents, Accompagnements accompagnements) {
		this.documents = documents;
		this.accompagnements = accompagnements;
		this.portail = portail;
		this.suivi = suivi;
		this.taches = taches;
		this.pieces = pieces;
		this.runtime = runtime;
	}

	/** One line of "Mes dossiers". */
	record Ligne(Lettre lettre, Suivi.Situation situation) {
	}

	@GetMapping
	String liste(Principal user, Model model) {
		List<Ligne> lignes = this.portail.visibles(user.getName())
			.stream()
			.map((lettre) -> new Ligne(lettre, lettre.brouillon() ? null : this.suivi.situation(lettre.reference())))
			.toList();
		model.addAttribute("lignes", lignes);
		return VIEW_LISTE;
	}

	@GetMapping("/nouveau")
	String nouveau(Model model) {
		LettreForm form = new LettreForm();
		form.padBudget(LIGNES_BUDGET_VIDES);
		return pageLettre(null, form, "brouillon", null, model);
	}

	@PostMapping("/nouveau")
	String creer(@ModelAttribute("lettre") LettreForm form, BindingResult errors,
			@RequestParam(name = "action", defaultValue = "brouillon") String action,
			@RequestParam(name = "fichiers", required = false) List<MultipartFile> fichiers, Principal user,
			Model model, RedirectAttributes redirect) {
		this.portail.validerBrouillon(form, errors);
		if (errors.hasErrors()) {
			form.padBudget(LIGNES_BUDGET_VIDES);
			return pageLettre(null, form, "brouillon", null, model);
		}
		long id = this.portail.creerBrouillon(user.getName(), form);
		return enregistrerEtEnvoyer(id, form, errors, action, fichiers, user, model, redirect);
	}

	@GetMapping("/{id}/lettre")
	String lettre(@PathVariable long id, Principal user, Model model) {
		Lettre lettre = this.portail.acces(id, user.getName());
		LettreForm form = lettre.form();
		String mode = mode(lettre);
		if (!"lecture".equals(mode)) {
			form.padBudget(LIGNES_BUDGET_VIDES);
		}
		return pageLettre(lettre, form, mode, null, model);
	}

	@PostMapping("/{id}/lettre")
	String enregistrer(@PathVariable long id, @ModelAttribute("lettre") LettreForm form, BindingResult errors,
			@RequestParam(name = "action", defaultValue = "brouillon") String action,
			@RequestParam(name = "fichiers", required = false) List<MultipartFile> fichiers,
			@RequestParam(name = "supprimerPiece", required = false) Long supprimerPiece, Principal user, Model model,
			RedirectAttributes redirect) {
		Lettre lettre = this.portail.acces(id, user.getName());
		String mode = mode(lettre);
		if ("lecture".equals(mode)) {
			return "redirect:/dossiers/" + id;
		}
		if ("correction".equals(mode)) {
			return corriger(lettre, form, errors, fichiers, user, model, redirect);
		}
		this.portail.validerBrouillon(form, errors);
		if (errors.hasErrors()) {
			form.padBudget(LIGNES_BUDGET_VIDES);
			return pageLettre(lettre, form, mode, null, model);
		}
		this.portail.enregistrerBrouillon(id, user.getName(), form);
		if (supprimerPiece != null) {
			this.pieces.supprimer(id, supprimerPiece);
			redirect.addFlashAttribute("info", "portail.piece.supprimee");
			return "redirect:/dossiers/" + id + "/lettre#pieces";
		}
		return enregistrerEtEnvoyer(id, form, errors, action, fichiers, user, model, redirect);
	}

	private String enregistrerEtEnvoyer(long id, LettreForm form, BindingResult errors, String action,
			List<MultipartFile> fichiers, Principal user, Model model, RedirectAttributes redirect) {
		String erreurFichier = stocker(id, fichiers, user);
		if (!"envoyer".equals(action) || erreurFichier != null) {
			if (erreurFichier != null) {
				Lettre lettre = this.portail.acces(id, user.getName());
				form.padBudget(LIGNES_BUDGET_VIDES);
				return pageLettre(lettre, form, "brouillon", erreurFichier, model);
			}
			redirect.addFlashAttribute("info", "portail.lettre.brouillonEnregistre");
			return "redirect:/dossiers/" + id + "/lettre";
		}
		this.portail.validerEnvoi(form, errors);
		if (errors.hasErrors()) {
			Lettre lettre = this.portail.acces(id, user.getName());
			form.padBudget(LIGNES_BUDGET_VIDES);
			return pageLettre(lettre, form, "brouillon", null, model);
		}
		this.portail.envoyer(id, user.getName(), form);
		return "redirect:/dossiers/" + id + "/recu";
	}

	private String corriger(Lettre lettre, LettreForm form, BindingResult errors, List<MultipartFile> fichiers,
			Principal user, Model model, RedirectAttributes redirect) {
		Suivi.Tache tache = tacheCorrection(lettre);
		this.portail.validerEnvoi(form, errors);
		this.portail.verifierMemeRegion(form, lettre, errors);
		String erreurFichier = errors.hasErrors() ? null : stocker(lettre.id(), fichiers, user);
		if (errors.hasErrors() || erreurFichier != null) {
			form.padBudget(LIGNES_BUDGET_VIDES);
			return pageLettre(lettre, form, "correction", erreurFichier, model);
		}
		this.portail.enregistrerCorrection(lettre.id(), user.getName(), form, tache);
		redirect.addFlashAttribute("info", "portail.lettre.correctionEnvoyee");
		return "redirect:/dossiers/" + lettre.id();
	}

	/** Stores the files chosen; the French message of the first refused, or null. */
	private String stocker(long id, List<MultipartFile> fichiers, Principal user) {
		if (fichiers == null) {
			return null;
		}
		for (MultipartFile fichier : fichiers) {
			if (!Taches.fourni(fichier)) {
				continue;
			}
			try {
				this.pieces.ajouter(id, PiecesJointes.Categorie.LETTRE, fichier, user.getName());
			}
			catch (PiecesJointes.FichierRefuse ex) {
				return this.portail.message(ex.code(),
						this.pieces.arguments(PiecesJointes.nomAffiche(fichier.getOriginalFilename())));
			}
		}
		return null;
	}

	private String mode(Lettre lettre) {
		if (lettre.brouillon()) {
			return "brouillon";
		}
		return (tacheCorrectionOuNull(lettre) != null) ? "correction" : "lecture";
	}

	private Suivi.Tache tacheCorrectionOuNull(Lettre lettre) {
		return this.suivi.taches(lettre.reference())
			.stream()
			.filter((tache) -> tache.cle().equals(CreationProcess.CORRIGER_LETTRE_INTENTION))
			.findFirst()
			.orElse(null);
	}

	private Suivi.Tache tacheCorrection(Lettre lettre) {
		Suivi.Tache tache = tacheCorrectionOuNull(lettre);
		if (tache == null) {
			throw new DossierIntrouvable();
		}
		return tache;
	}

	private String pageLettre(Lettre lettre, LettreForm form, String mode, String erreurFichier, Model model) {
		model.addAttribute("lettre", form);
		model.addAttribute("dossier", lettre);
		model.addAttribute("mode", mode);
		model.addAttribute("erreurFichier", erreurFichier);
		model.addAttribute("professions", LettreForm.PROFESSIONS);
		Territoire territoire = this.portail.territoire(form);
		model.addAttribute("territoire", territoire);
		model.addAttribute("messageTerritoire", this.portail.messageTerritoire(territoire));
		model.addAttribute("chevauchements", this.portail.chevauchements((lettre != null) ? lettre.id() : -1, form));
		model.addAttribute("pieces", (lettre != null) ? this.pieces.deLettre(lettre.id()) : List.of());
		model.addAttribute("tailleMax", PiecesJointes.TAILLE_MAX);
		if (lettre != null) {
			accompagnement(lettre, model);
		}
		if ("correction".equals(mode)) {
			model.addAttribute("motifCorrection",
					this.suivi.variables(lettre.reference()).get(CreationProcess.MOTIF_COMPLETUDE));
		}
		return VIEW_LETTRE;
	}

	@GetMapping("/{id}/recu")
	String recu(@PathVariable long id, Principal user, Model model) {
		Lettre lettre = this.portail.acces(id, user.getName());
		if (lettre.brouillon()) {
			return "redirect:/dossiers/" + id + "/lettre";
		}
		model.addAttribute("dossier", lettre);
		model.addAttribute("parcours", this.accompagnements.parcours(lettre).orElse(null));
		return VIEW_RECU;
	}

	@GetMapping("/{id}")
	String dossier(@PathVariable long id, Principal user, Model model) {
		Lettre lettre = this.portail.acces(id, user.getName());
		if (lettre.brouillon()) {
			return "redirect:/dossiers/" + id + "/lettre";
		}
		Map<String, Object> variables = this.suivi.variables(lettre.reference());
		model.addAttribute("dossier", lettre);
		model.addAttribute("variables", variables);
		model.addAttribute("decisions",
				Suivi.DECISIONS.stream().filter((name) -> variables.get(name) != null).toList());
		model.addAttribute("etapes", this.suivi.etapes(lettre.reference(), variables));
		model.addAttribute("historique", historique(lettre));
		model.addAttribute("taches", this.suivi.taches(lettre.reference()));
		model.addAttribute("situation", this.suivi.situation(lettre.reference()));
		model.addAttribute("pieces", this.pieces.deLettre(id));
		model.addAttribute("documentsOfficiels", this.documents.ofDossier(lettre.reference()));
		model.addAttribute("avisUrps", this.suivi.avisUrps(lettre.reference(), variables));
		model.addAttribute("projetSante", this.taches.projetSante(id));
		boolean instruction = variables.get(CreationProcess.DATE_VALIDATION_TACITE) != null
				&& variables.get(CreationProcess.VALIDATION_PROJET) == null
				&& this.suivi.situation(lettre.reference()).issue() == null;
		model.addAttribute("instruction", instruction);
		model.addAttribute("enPause", Boolean.TRUE.equals(variables.get(CreationProcess.VALIDATION_TACITE_EN_PAUSE)));
		model.addAttribute("delai", PortailApiController.DelaiValidationTaciteJson.de(variables));
		accompagnement(lettre, model);
		return VIEW_DOSSIER;
	}

	/**
	 * The dossier's history with the accompanying structures' comments in their place.
	 */
	private List<Suivi.Evenement> historique(Lettre lettre) {
		List<Suivi.Evenement> tout = new java.util.ArrayList<>(this.suivi.historique(lettre.reference()));
		for (Accompagnements.Commentaire commentaire : this.accompagnements.commentaires(lettre)) {
			java.util.Date le = java.util.Date.from(commentaire.le().toInstant());
			tout.add(new Suivi.Evenement("commentaire", commentaire.nomStructure() + " : " + commentaire.texte(),
					"commentaire", le, le, commentaire.auteur()));
		}
		tout.sort(java.util.Comparator.comparing(Suivi.Evenement::debut));
		return tout;
	}

	/** The region's path, its accompanying structures and their comments. */
	private void accompagnement(Lettre lettre, Model model) {
		model.addAttribute("parcours", this.accompagnements.parcours(lettre).orElse(null));
		model.addAttribute("structures", this.accompagnements.proposees(lettre));
		model.addAttribute("commentaires", this.accompagnements.commentaires(lettre));
	}

	@GetMapping("/{id}/pieces/{pieceId}")
	ResponseEntity<byte[]> telecharger(@PathVariable long id, @PathVariable long pieceId, Principal user) {
		this.portail.acces(id, user.getName());
		PiecesJointes.PieceJointe piece = this.pieces.piece(id, pieceId).orElseThrow(DossierIntrouvable::new);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(piece.nom(), StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(this.pieces.contenu(piece.id()));
	}

	@GetMapping("/{id}/abandon")
	String confirmerAbandon(@PathVariable long id, Principal user, Model model) {
		Lettre lettre = this.portail.acces(id, user.getName());
		if (lettre.brouillon() || this.suivi.situation(lettre.reference()).issue() != null) {
			return "redirect:/dossiers/" + id;
		}
		model.addAttribute("dossier", lettre);
		return VIEW_ABANDON;
	}

	@PostMapping("/{id}/abandon")
	String abandonner(@PathVariable long id, Principal user, RedirectAttributes redirect) {
		Lettre lettre = this.portail.acces(id, user.getName());
		if (lettre.brouillon() || this.suivi.situation(lettre.reference()).issue() != null) {
			return "redirect:/dossiers/" + id;
		}
		redirect.addFlashAttribute("info",
				abandonner(this.runtime, lettre) ? "portail.abandon.fait" : "portail.abandon.impossible");
		return "redirect:/dossiers/" + id;
	}

	/**
	 * False when the process no longer waits for an abandon (already abandoned, ending).
	 */
	static boolean abandonner(RuntimeService runtime, Lettre lettre) {
		try {
			runtime.createMessageCorrelation(CreationProcess.MESSAGE_ABANDON)
				.processInstanceBusinessKey(lettre.reference())
				.correlate();
			return true;
		}
		catch (MismatchingMessageCorrelationException ex) {
			return false;
		}
	}

	/**
	 * Sent by another request meanwhile (a second click, another tab): the porteur lands
	 * on the dossier that the first one created.
	 */
	@ExceptionHandler(LettreDejaEnvoyee.class)
	String dejaEnvoyee(LettreDejaEnvoyee ex, HttpServletRequest request) {
		// the redirect view saves the output flash map
		RequestContextUtils.getOutputFlashMap(request).put("info", "portail.lettre.dejaEnvoyee");
		return "redirect:/dossiers/" + ex.lettreId();
	}

	static String adresseIp(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

}
