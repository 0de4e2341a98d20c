package fr.parcourscpts.portail;

import java.net.URI;
import java.security.Principal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import fr.parcourscpts.dossier.DatesLegales;
import fr.parcourscpts.intention.CreationProcess;
import fr.parcourscpts.portail.Lettres.Lettre;

/**
 * The porteur's actions as JSON, for other clients than the pages: the same services and
 * the same membership checks. Errors of a form come back as a 400 with the French message
 * of each field.
 */
@RestController
@RequestMapping(path = "/api/portail", produces = "application/json")
@Tag(name = "Portail des porteurs", description = "Lettre d'intention, dossiers, tâches et abandon")
class PortailApiController {

	private final PortailService portail;

	private final Suivi suivi;

	private final Taches taches;

	private final PiecesJointes pieces;

	private final RuntimeService runtime;

	private final MessageSource messages;

	PortailApiController(PortailService portail, Suivi suivi, Taches taches, PiecesJointes pieces,
			RuntimeService runtime, MessageSource messages) {
		this.portail = portail;
		this.suivi = suivi;
		this.taches = taches;
		this.pieces = pieces;
		this.runtime = runtime;
		this.messages = messages;
	}

	/** A dossier in a list. */
	record DossierJson(@Schema(description = "L'identifiant du dossier dans le portail (celui des adresses)") long id,
			@Schema(description = "La référence, une fois la lettre envoyée",
					example = "CPTS-76-2026-0001") String reference,
			String nomCpts, @Schema(allowableValues = {
					"brouillon", "envoye" }) String statut,
			List<String> etapesCourantes,
			@Schema(description = "La prochaine échéance", example = "2026-03-16T00:00:00+01:00") Date prochaineDate,
			String issue){
	}

	/** A dossier in detail. */
	record DossierDetailJson(DossierJson dossier, LettreForm lettre, List<PiecesJointes.PieceJointe> pieces,
			List<Suivi.Tache> taches, List<Suivi.Etape> etapes, Map<String, Object> decisions,
			Date dateValidationTacite, boolean validationTaciteEnPause,
			DelaiValidationTaciteJson delaiValidationTacite) {
	}

	/**
	 * The clock of the tacit validation, as facts: while it runs, the last day on which
	 * the ARS may oppose and the moment the silence becomes acceptance (the end of that
	 * day, Paris); while a correction is open, the day it was asked and whether the two
	 * months will restart (an incomplete dossier) rather than resume (an incorrect item).
	 */
	record DelaiValidationTaciteJson(LocalDate dernierJourOpposition, OffsetDateTime dateDecisionImplicite,
			LocalDate suspenduDepuis, boolean redemarrage) {

		static DelaiValidationTaciteJson de(Map<String, Object> variables) {
			if (!(variables.get(CreationProcess.DATE_VALIDATION_TACITE) instanceof Date dernierJour)) {
				return null;
			}
			if (Boolean.TRUE.equals(variables.get(CreationProcess.VALIDATION_TACITE_EN_PAUSE))) {
				boolean incomplet = "incomplet".equals(variables.get(CreationProcess.TYPE_CORRECTION));
				LocalDate depuis = (variables.get(CreationProcess.DATE_DEMANDE_CORRECTION) instanceof Date demande)
						? DatesLegales.jour(demande) : null;
				return new DelaiValidationTaciteJson(null, null, depuis, incomplet);
			}
			LocalDate jour = DatesLegales.jour(dernierJour);
			return new DelaiValidationTaciteJson(jour,
					DatesLegales.finDuJour(jour).toInstant().atZone(DatesLegales.PARIS).toOffsetDateTime(), null,
					false);
		}

	}

	/** The checks failed: field → French message. */
	record ErreursJson(String message, Map<String, String> erreurs) {
	}

	@GetMapping("/dossiers")
	@Operation(summary = "Mes dossiers : brouillons et dossiers envoyés dont je suis membre")
	List<DossierJson> dossiers(Principal user) {
		return this.portail.visibles(user.getName()).stream().map(this::json).toList();
	}

	@GetMapping("/dossiers/{id}")
	@Operation(summary = "Un dossier : lettre, pièces, tâches à faire, étapes et décisions")
	DossierDetailJson dossier(@PathVariable long id, Principal user) {
		Lettre lettre = this.portail.acces(id, user.getName());
		if (lettre.brouillon()) {
			return new DossierDetailJson(json(lettre), lettre.form(), this.pieces.deLettre(id), List.of(), List.of(),
					Map.of(), null, false, null);
		}
		Map<String, Object> variables = this.suivi.variables(lettre.reference());
		Map<String, Object> decisions = new LinkedHashMap<>();
		Suivi.DECISIONS.forEach((name) -> {
			if (variables.get(name) != null) {
				decisions.put(name, variables.get(name));
			}
		});
		return new DossierDetailJson(json(lettre), lettre.form(), this.pieces.deLettre(id),
				this.suivi.taches(lettre.reference()), this.suivi.etapes(lettre.reference(), variables), decisions,
				(Date) variables.get(CreationProcess.DATE_VALIDATION_TACITE),
				Boolean.TRUE.equals(variables.get(CreationProcess.VALIDATION_TACITE_EN_PAUSE)),
				DelaiValidationTaciteJson.de(variables));
	}

	@PostMapping(path = "/dossiers", consumes = "application/json")
	@Operation(summary = "Créer un brouillon de lettre d'intention")
	@ApiResponse(responseCode = "201", description = "Brouillon créé ; son adresse est dans l'en-tête Location",
			content = @Content(schema = @Schema(implementation = DossierJson.class)))
	ResponseEntity<?> creer(@RequestBody LettreForm form, Principal user) {
		BindingResult errors = new BeanPropertyBindingResult(form, "lettre");
		this.portail.validerBrouillon(form, errors);
		if (errors.hasErrors()) {
			return erreurs(errors);
		}
		long id = this.portail.creerBrouillon(user.getName(), form);
		return ResponseEntity.created(URI.create("/api/portail/dossiers/" + id))
			.body(json(this.portail.acces(id, user.getName())));
	}

	@PutMapping(path = "/dossiers/{id}/lettre", consumes = "application/json")
	@Operation(summary = "Enregistrer le brouillon de la lettre d'intention")
	@ApiResponse(responseCode = "200", description = "Brouillon enregistré",
			content = @Content(schema = @Schema(implementation = DossierJson.class)))
	ResponseEntity<?> enregistrer(@PathVariable long id, @RequestBody LettreForm form, Principal user) {
		Lettre lettre = this.portail.acces(id, user.getName());
		if (!lettre.brouillon()) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(new ErreursJson(this.portail.message("portail.lettre.dejaEnvoyee"), Map.of()));
		}
		BindingResult errors = new BeanPropertyBindingResult(form, "lettre");
		this.portail.validerBrouillon(form, errors);
		if (errors.hasErrors()) {
			return erreurs(errors);
		}
		this.portail.enregistrerBrouillon(id, user.getName(), form);
		return ResponseEntity.ok(json(this.portail.acces(id, user.getName())));
	}

	@PostMapping("/dossiers/{id}/envoi")
	@Operation(summary = "Envoyer la lettre d'intention enregistrée (démarre le parcours)")
	@ApiResponse(responseCode = "200", description = "Lettre envoyée : le dossier a sa référence",
			content = @Content(schema = @Schema(implementation = DossierJson.class)))
	ResponseEntity<?> envoyer(@PathVariable long id, Principal user) {
		Lettre lettre = this.portail.acces(id, user.getName());
		if (!lettre.brouillon()) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(new ErreursJson(this.portail.message("portail.lettre.dejaEnvoyee"), Map.of()));
		}
		LettreForm form = lettre.form();
		BindingResult errors = new BeanPropertyBindingResult(form, "lettre");
		this.portail.validerEnvoi(form, errors);
		if (errors.hasErrors()) {
			return erreurs(errors);
		}
		this.portail.envoyer(id, user.getName(), form);
		return ResponseEntity.ok(json(this.portail.acces(id, user.getName())));
	}

	@PostMapping("/dossiers/{id}/correction")
	@Operation(summary = "Renvoyer la lettre corrigée (tâche corrigerLettreIntention)")
	@ApiResponse(responseCode = "204", description = "Lettre corrigée envoyée, tâche terminée")
	ResponseEntity<?> corriger(@PathVariable long id, @RequestBody LettreForm form, Principal user) {
		Lettre lettre = this.portail.acces(id, user.getName());
		Suivi.Tache tache = lettre.brouillon() ? null
				: this.suivi.taches(lettre.reference())
					.stream()
					.filter((t) -> t.cle().equals(CreationProcess.CORRIGER_LETTRE_INTENTION))
					.findFirst()
					.orElse(null);
		if (tache == null) {
			throw new DossierIntrouvable();
		}
		BindingResult errors = new BeanPropertyBindingResult(form, "lettre");
		this.portail.validerEnvoi(form, errors);
		this.portail.verifierMemeRegion(form, lettre, errors);
		if (errors.hasErrors()) {
			return erreurs(errors);
		}
		this.portail.enregistrerCorrection(id, user.getName(), form, tache);
		return ResponseEntity.noContent().build();
	}

	@PostMapping(path = "/dossiers/{id}/pieces", consumes = "multipart/form-data")
	@Operation(summary = "Joindre un PDF (20 Mo au plus) : LETTRE au brouillon, STATUTS ou RAPPORT au dossier envoyé",
			description = "Les statuts (STATUTS) se joignent avant de terminer deposerProjetSante ou corrigerProjetSante, "
					+ "le rapport en PDF (RAPPORT) avant transmettreRapportActivite.")
	@ApiResponse(responseCode = "201",
			description = "Pièce jointe ; son adresse de téléchargement est dans l'en-tête Location",
			content = @Content(schema = @Schema(implementation = PiecesJointes.PieceJointe.class)))
	ResponseEntity<?> joindre(@PathVariable long id, @RequestParam("fichier") MultipartFile fichier,
			@RequestParam(name = "categorie", defaultValue = "LETTRE") PiecesJointes.Categorie categorie,
			Principal user) {
		Lettre lettre = this.portail.acces(id, user.getName());
		// the lettre's files go with the draft; the statuts and reports with the tasks
		// of the sent dossier
		if (lettre.brouillon() != (categorie == PiecesJointes.Categorie.LETTRE)) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(new ErreursJson(
						this.portail
							.message(lettre.brouillon() ? "portail.api.pieceApresEnvoi" : "portail.lettre.dejaEnvoyee"),
						Map.of()));
		}
		try {
			long pieceId = this.pieces.ajouter(id, categorie, fichier, user.getName());
			return ResponseEntity.created(URI.create("/dossiers/" + id + "/pieces/" + pieceId))
				.body(this.pieces.piece(id, pieceId).orElseThrow());
		}
		catch (PiecesJointes.FichierRefuse ex) {
			String message = this.portail.message(ex.code(),
					this.pieces.arguments(PiecesJointes.nomAffiche(fichier.getOriginalFilename())));
			return ResponseEntity.badRequest().body(new ErreursJson(message, Map.of("fichier", message)));
		}
	}

	@GetMapping("/dossiers/{id}/taches")
	@Operation(summary = "Les tâches à faire du dossier")
	List<Suivi.Tache> taches(@PathVariable long id, Principal user) {
		Lettre lettre = this.portail.acces(id, user.getName());
		return lettre.brouillon() ? List.of() : this.suivi.taches(lettre.reference());
	}

	@PostMapping(path = "/dossiers/{id}/taches/{taskId}", consumes = "application/json")
	@Operation(summary = "Terminer une tâche (champs de la tâche en JSON, valeurs en texte)",
			description = "Les champs dépendent de la tâche (voir sa `cle` dans GET …/taches) ; un champ manquant ou "
					+ "invalide donne 400 avec son message dans `erreurs`.")
	@ApiResponse(responseCode = "204", description = "Tâche terminée")
	ResponseEntity<?> completer(@PathVariable long id, @PathVariable String taskId,
			@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					description = "Les champs de la tâche, valeurs en texte",
					content = @Content(mediaType = "application/json",
							schema = @Schema(oneOf = { PortailApiDocumentation.ChampsReponseFir.class,
									PortailApiDocumentation.ChampsProjetSante.class,
									PortailApiDocumentation.ChampsSignature.class,
									PortailApiDocumentation.ChampsRapport.class }),
							examples = {
									@ExampleObject(name = "signerContratPorteur",
											value = "{\"nomComplet\": \"Camille Martin\", \"confirmation\": \"true\"}"),
									@ExampleObject(name = "deposerProjetSante",
											description = "Après POST …/pieces avec categorie=STATUTS",
											value = "{\"missionsActions\": \"Accès aux soins : …\", \"gouvernance\": \"Association loi 1901 …\", \"systemesInformation\": \"Messagerie sécurisée …\"}"),
									@ExampleObject(name = "transmettreRapportActivite",
											description = "Le PDF du rapport, facultatif : POST …/pieces avec categorie=RAPPORT",
											value = "{\"rapport\": \"Année 1 : …\", \"patientsSansMedecinTraitantAccompagnes\": \"120\", \"creneauxSoinsNonProgrammes\": \"300\", \"tauxReponseSoinsNonProgrammes\": \"85.5\", \"participationCampagnesPrevention\": \"450\", \"couvertureVaccinale\": \"62\", \"reunionsPluriprofessionnelles\": \"12\", \"projetsPluriprofessionnels\": \"3\", \"hospitalisationsEvitables\": \"40\"}"),
									@ExampleObject(name = "completerDemandeFir",
											value = "{\"reponseFir\": \"Le budget couvre 0,5 ETP de coordination.\"}") })) @RequestBody Map<String, String> champs,
			Principal user, HttpServletRequest request) {
		Lettre lettre = this.portail.acces(id, user.getName());
		Suivi.Tache tache = this.taches.tache(lettre, taskId);
		if (tache.cle().equals(CreationProcess.CORRIGER_LETTRE_INTENTION)) {
			return ResponseEntity.badRequest()
				.body(new ErreursJson(this.portail.message("portail.api.correctionParLettre"), Map.of()));
		}
		try {
			this.taches.completer(lettre, tache, user.getName(),
					new Taches.Saisie(champs, null, DossierController.adresseIp(request)));
		}
		catch (Taches.SaisieInvalide ex) {
			Map<String, String> erreurs = new LinkedHashMap<>();
			ex.erreurs().forEach((champ, code) -> erreurs.put(champ, this.portail.message(code)));
			return ResponseEntity.badRequest()
				.body(new ErreursJson(this.portail.message("portail.erreurs.titre"), erreurs));
		}
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/dossiers/{id}/abandon")
	@Operation(summary = "Abandonner le dossier")
	@ApiResponse(responseCode = "204", description = "Dossier abandonné")
	ResponseEntity<?> abandonner(@PathVariable long id, Principal user) {
		Lettre lettre = this.portail.acces(id, user.getName());
		if (lettre.brouillon() || this.suivi.situation(lettre.reference()).issue() != null) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(new ErreursJson(this.portail.message("portail.abandon.impossible"), Map.of()));
		}
		if (!DossierController.abandonner(this.runtime, lettre)) {
			return ResponseEntity.status(HttpStatus.CONFLICT)
				.body(new ErreursJson(this.portail.message("portail.abandon.impossible"), Map.of()));
		}
		return ResponseEntity.noContent().build();
	}

	private DossierJson json(Lettre lettre) {
		if (lettre.brouillon()) {
			return new DossierJson(lettre.id(), null, lettre.nomCpts(), "brouillon", List.of(), null, null);
		}
		Suivi.Situation situation = this.suivi.situation(lettre.reference());
		return new DossierJson(lettre.id(), lettre.reference(), lettre.nomCpts(), "envoye", situation.etapesCourantes(),
				situation.prochaineDate(), situation.issue());
	}

	private ResponseEntity<ErreursJson> erreurs(BindingResult errors) {
		Map<String, String> erreurs = new LinkedHashMap<>();
		errors.getFieldErrors()
			.forEach((error) -> erreurs.putIfAbsent(error.getField(),
					this.messages.getMessage(error, LocaleContextHolder.getLocale())));
		errors.getGlobalErrors()
			.forEach((error) -> erreurs.putIfAbsent(error.getObjectName(),
					this.messages.getMessage(error, LocaleContextHolder.getLocale())));
		return ResponseEntity.badRequest()
			.body(new ErreursJson(this.portail.message("portail.erreurs.titre"), erreurs));
	}

}
