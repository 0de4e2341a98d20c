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
import fr.parcourscpts.notification.ProductionsApresCommit;
import fr.parcourscpts.intention.CreationProcess;
import fr.parcourscpts.portail.Lettres.Lettre;
import fr.parcourscpts.territoire.Territoire;

/**
 * The porteur's pages: "Mes dossiers", the lettre d'intention (draft, send, correction),
 * the receipt, the dossier with its timeline, tasks and documents, the downloads and the
 * abandon. A sent dossier is known by its reference
 * ({@code /dossiers/CPTS-76-2026-0007}), the one identifier that mails use too; a draft,
 * which has no reference yet, by the id of its lettre under
 * {@code /dossiers/brouillons/{id}}. Every URL first checks that the user may act for
 * that dossier (404 otherwise).
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

	private final Statuts statuts;

	private final Messagerie messagerie;

	private final Accompagnements accompagnements;

	private final ProductionsApresCommit productions;

	DossierController(PortailService portail, Suivi suivi, Taches taches, PiecesJointes pieces, RuntimeService runtime,
			DocumentsOfficiels documents, Statuts statuts, Messagerie messagerie, Accompagnements accompagnements,
			ProductionsApresCommit productions) {
		this.productions = productions;
		this.documents = documents;
		this.statuts = statuts;
		this.messagerie = messagerie;
		this.accompagnements = accompagnements;
		this.portail = portail;
		this.suivi = suivi;
		this.taches = taches;
		this.pieces = pieces;
		this.runtime = runtime;
	}

	/**
	 * One line of "Mes dossiers".
	 *
	 * @param nonLus the institutions' messages the porteurs have not read yet
	 */
	record Ligne(Lettre lettre, Statuts.Statut statut, int nonLus) {
	}

	@GetMapping
	String liste(Principal user, Model model) {
		List<Lettre> lettres = this.portail.visibles(user.getName());
		Map<String, Integer> nonLus = this.messagerie.nonLusParLePorteur(
				lettres.stream().filter((lettre) -> !lettre.brouillon()).map(Lettre::reference).toList());
		List<Ligne> lignes = lettres.stream()
			.map((lettre) -> new Ligne(lettre,
					lettre.brouillon() ? this.statuts.brouillon() : this.statuts.statut(lettre.reference()),
					lettre.brouillon() ? 0 : nonLus.getOrDefault(lettre.reference(), 0)))
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

	@GetMapping("/brouillons/{id}")
	String brouillon(@PathVariable long id, Principal user, Model model) {
		Lettre lettre = this.portail.acces(id, user.getName());
		if (!lettre.brouillon()) {
			return "redirect:" + lettre.chemin() + "/lettre";
		}
		lettre.form().padBudget(LIGNES_BUDGET_VIDES);
		return pageLettre(lettre, lettre.form(), "brouillon", null, model);
	}

	@PostMapping("/brouillons/{id}")
	String enregistrerBrouillon(@PathVariable long id, @ModelAttribute("lettre") LettreForm form, BindingResult errors,
			@RequestParam(name = "action", defaultValue = "brouillon") String action,
			@RequestParam(name = "fichiers", required = false) List<MultipartFile> fichiers,
			@RequestParam(name = "supprimerPiece", required = false) Long supprimerPiece, Principal user, Model model,
			RedirectAttributes redirect) {
		Lettre lettre = this.portail.acces(id, user.getName());
		if (!lettre.brouillon()) {
			throw new LettreDejaEnvoyee(id);
		}
		this.portail.validerBrouillon(form, errors);
		if (errors.hasErrors()) {
			form.padBudget(LIGNES_BUDGET_VIDES);
			return pageLettre(lettre, form, "brouillon", null, model);
		}
		this.portail.enregistrerBrouillon(id, user.getName(), form);
		if (supprimerPiece != null) {
			this.pieces.supprimer(id, supprimerPiece);
			redirect.addFlashAttribute("info", "portail.piece.supprimee");
			return "redirect:" + lettre.chemin() + "#pieces";
		}
		return enregistrerEtEnvoyer(id, form, errors, action, fichiers, user, model, redirect);
	}

	@GetMapping("/brouillons/{id}/pieces/{pieceId}")
	ResponseEntity<byte[]> telechargerDuBrouillon(@PathVariable long id, @PathVariable long pieceId, Principal user) {
		Lettre lettre = this.portail.acces(id, user.getName());
		if (!lettre.brouillon()) {
			throw new DossierIntrouvable();
		}
		return telecharger(lettre, pieceId);
	}

	@GetMapping("/{reference}/lettre")
	String lettre(@PathVariable String reference, Principal user, Model model) {
		Lettre lettre = this.portail.acces(reference, user.getName());
		LettreForm form = lettre.form();
		String mode = mode(lettre);
		if (!"lecture".equals(mode)) {
			form.padBudget(LIGNES_BUDGET_VIDES);
		}
		return pageLettre(lettre, form, mode, null, model);
	}

	/** A sent lettre: corrected when the Guichet asked for it, otherwise only read. */
	@PostMapping("/{reference}/lettre")
	String corriger(@PathVariable String reference, @ModelAttribute("lettre") LettreForm form, BindingResult errors,
			@RequestParam(name = "fichiers", required = false) List<MultipartFile> fichiers, Principal user,
			Model model, RedirectAttributes redirect) {
		Lettre lettre = this.portail.acces(reference, user.getName());
		if (!"correction".equals(mode(lettre))) {
			return "redirect:" + lettre.chemin();
		}
		return corriger(lettre, form, errors, fichiers, user, model, redirect);
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
			return "redirect:/dossiers/brouillons/" + id;
		}
		this.portail.validerEnvoi(form, errors);
		if (errors.hasErrors()) {
			Lettre lettre = this.portail.acces(id, user.getName());
			form.padBudget(LIGNES_BUDGET_VIDES);
			return pageLettre(lettre, form, "brouillon", null, model);
		}
		String reference = this.portail.envoyer(id, user.getName(), form);
		return "redirect:/dossiers/" + reference + "/recu";
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
		return "redirect:" + lettre.chemin();
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

	@GetMapping("/{reference}/recu")
	String recu(@PathVariable String reference, Principal user, Model model) {
		Lettre lettre = this.portail.acces(reference, user.getName());
		model.addAttribute("dossier", lettre);
		model.addAttribute("parcours", this.accompagnements.parcours(lettre).orElse(null));
		return VIEW_RECU;
	}

	@GetMapping("/{reference}")
	String dossier(@PathVariable String reference, Principal user, Model model) {
		Lettre lettre = this.portail.acces(reference, user.getName());
		long id = lettre.id();
		// the engine's state read once for every part of the page
		Suivi.Lecture lecture = this.suivi.lecture(lettre.reference());
		Map<String, Object> variables = this.suivi.variables(lecture);
		model.addAttribute("dossier", lettre);
		model.addAttribute("variables", variables);
		model.addAttribute("decisions",
				Suivi.DECISIONS.stream().filter((name) -> variables.get(name) != null).toList());
		model.addAttribute("etapes", this.suivi.etapes(lecture, variables));
		List<Messagerie.Message> messages = this.messagerie.fil(lettre.reference());
		model.addAttribute("messages", messages);
		long nonLus = messages.stream().filter((message) -> !message.duPorteur() && !message.lu()).count();
		model.addAttribute("messagesNonLus", nonLus);
		model.addAttribute("institutionEnCharge",
				this.messagerie.institutionEnCharge(lettre.reference(), lecture.ouvertes()));
		model.addAttribute("texteMax", Messagerie.TEXTE_MAX);
		List<Accompagnements.Commentaire> commentaires = this.accompagnements.commentaires(lettre);
		model.addAttribute("historique", historique(lecture, messages, commentaires));
		// shown once as "non lu", read from now on; nothing to mark when none is shown
		// unread (a message arrived since the thread was read stays unread)
		if (nonLus > 0) {
			this.messagerie.luParLePorteur(lettre.reference(), user.getName());
		}
		model.addAttribute("taches", this.suivi.taches(lecture));
		Suivi.Situation situation = this.suivi.situation(lecture);
		model.addAttribute("situation", situation);
		model.addAttribute("statut", this.statuts.statut(lecture));
		model.addAttribute("pieces", this.pieces.deLettre(id));
		model.addAttribute("documentsOfficiels", this.documents.ofDossier(lettre.reference()));
		// A receipt is rendered by a job after the step's commit: said so until it is
		// issued.
		model.addAttribute("accuseEnCours", this.productions.accuseEnCours(lettre.reference()));
		model.addAttribute("avisUrps", this.suivi.avisUrps(lecture, variables));
		model.addAttribute("projetSante", this.taches.projetSante(id));
		boolean instruction = variables.get(CreationProcess.DATE_VALIDATION_TACITE) != null
				&& variables.get(CreationProcess.VALIDATION_PROJET) == null && situation.issue() == null;
		model.addAttribute("instruction", instruction);
		model.addAttribute("enPause", Boolean.TRUE.equals(variables.get(CreationProcess.VALIDATION_TACITE_EN_PAUSE)));
		model.addAttribute("delai", PortailApiController.DelaiValidationTaciteJson.de(variables));
		accompagnement(lettre, commentaires, model);
		return VIEW_DOSSIER;
	}

	/**
	 * The engine's steps, the messages and the accompanying structures' comments, in the
	 * order they happened.
	 */
	private List<Suivi.Evenement> historique(Suivi.Lecture lecture, List<Messagerie.Message> messages,
			List<Accompagnements.Commentaire> commentaires) {
		List<Suivi.Evenement> historique = new java.util.ArrayList<>(this.suivi.historique(lecture));
		for (Messagerie.Message message : messages) {
			String nom = message.duPorteur()
					? this.portail.message("portail.historique.messagePorteur", message.institutionNom())
					: this.portail.message("portail.historique.messageInstitution", message.institutionNom());
			java.util.Date le = java.util.Date.from(message.envoyeLe().toInstant());
			historique.add(new Suivi.Evenement("message", nom, "message", le, le, message.auteurNom()));
		}
		for (Accompagnements.Commentaire commentaire : commentaires) {
			java.util.Date le = java.util.Date.from(commentaire.le().toInstant());
			historique.add(new Suivi.Evenement("commentaire", commentaire.nomStructure() + " : " + commentaire.texte(),
					"commentaire", le, le, commentaire.auteur()));
		}
		historique.sort(java.util.Comparator.comparing(Suivi.Evenement::debut,
				java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
		return historique;
	}

	/** The region's path, its accompanying structures and their comments. */
	private void accompagnement(Lettre lettre, Model model) {
		accompagnement(lettre, this.accompagnements.commentaires(lettre), model);
	}

	private void accompagnement(Lettre lettre, List<Accompagnements.Commentaire> commentaires, Model model) {
		model.addAttribute("parcours", this.accompagnements.parcours(lettre).orElse(null));
		model.addAttribute("structures", this.accompagnements.proposees(lettre));
		model.addAttribute("commentaires", commentaires);
	}

	@GetMapping("/{reference}/pieces/{pieceId}")
	ResponseEntity<byte[]> telecharger(@PathVariable String reference, @PathVariable long pieceId, Principal user) {
		return telecharger(this.portail.acces(reference, user.getName()), pieceId);
	}

	private ResponseEntity<byte[]> telecharger(Lettre lettre, long pieceId) {
		PiecesJointes.PieceJointe piece = this.pieces.piece(lettre.id(), pieceId).orElseThrow(DossierIntrouvable::new);
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_PDF)
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(piece.nom(), StandardCharsets.UTF_8).build().toString())
			.header("X-Content-Type-Options", "nosniff")
			.body(this.pieces.contenu(piece.id()));
	}

	@GetMapping("/{reference}/abandon")
	String confirmerAbandon(@PathVariable String reference, Principal user, Model model) {
		Lettre lettre = this.portail.acces(reference, user.getName());
		if (this.suivi.situation(lettre.reference()).issue() != null) {
			return "redirect:" + lettre.chemin();
		}
		model.addAttribute("dossier", lettre);
		return VIEW_ABANDON;
	}

	@PostMapping("/{reference}/abandon")
	String abandonner(@PathVariable String reference, Principal user, RedirectAttributes redirect) {
		Lettre lettre = this.portail.acces(reference, user.getName());
		if (this.suivi.situation(lettre.reference()).issue() != null) {
			return "redirect:" + lettre.chemin();
		}
		redirect.addFlashAttribute("info",
				abandonner(this.runtime, lettre) ? "portail.abandon.fait" : "portail.abandon.impossible");
		return "redirect:" + lettre.chemin();
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
	String dejaEnvoyee(LettreDejaEnvoyee ex, Principal user, HttpServletRequest request) {
		// the redirect view saves the output flash map
		RequestContextUtils.getOutputFlashMap(request).put("info", "portail.lettre.dejaEnvoyee");
		return "redirect:" + this.portail.acces(ex.lettreId(), user.getName()).chemin();
	}

	static String adresseIp(HttpServletRequest request) {
		return request.getRemoteAddr();
	}

}
