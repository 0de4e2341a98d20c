package fr.parcourscpts.agents;

import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.TaskService;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.web.bind.annotation.ResponseStatus;

import fr.parcourscpts.agents.VisibiliteDossier.Lecteur;
import fr.parcourscpts.agents.VisibiliteDossier.Vue;
import fr.parcourscpts.documents.DocumentOfficiel;
import fr.parcourscpts.documents.DocumentsOfficiels;
import fr.parcourscpts.dossier.LiensTasklist;
import fr.parcourscpts.identity.Institution;
import fr.parcourscpts.portail.DossiersLecture;
import fr.parcourscpts.portail.DossiersLecture.DossierLu;
import fr.parcourscpts.portail.DossiersLecture.EvenementLu;
import fr.parcourscpts.portail.DossiersLecture.FichierLu;
import fr.parcourscpts.portail.Messagerie;

/**
 * The dossier page of an agent: the dossier read through the portal's API, cut down to
 * what {@link VisibiliteDossier} lets the agent see, once per request.
 */
@Service
class DossierAgent {

	/**
	 * The decision and the reason that each step records, for the "why" of the timeline.
	 */
	private static final Map<String, List<String>> MOTIFS = Map.of("verifierCompletude",
			List.of("completude", "motifCompletude"), "transmettreAvisArs",
			List.of("avisConsolideFinal", "motifDerogation"), "deciderFinancementFir",
			List.of("decisionFir", "montantFirAccorde", "motifRefusFir", "questionFir"), "donnerAvisCpam",
			List.of("avisCpam", "commentaireAvisCpam"), "deciderProjetSante",
			List.of("decisionProjet", "motifOpposition", "commentaireOpposition", "objetCorrection"));

	/**
	 * The inner start and end events of the ten opinions and the reminders: ten times the
	 * same line, nothing decided.
	 */
	private static final Set<String> SANS_INTERET = Set.of("avisUrpsDemande", "avisUrpsRendu", "recueillirAvisUrps",
			"urpsRelancee", "porteurRelance", "arsRappelee");

	/**
	 * The page: the dossier, what the viewer sees of it, their open tasks, the private
	 * notes, the messages they see, the institution in charge of the current step and
	 * whether the viewer may write to the porteur for it.
	 */
	record Page(DossierLu dossier, Vue vue, Map<String, Map<String, String>> avis, Map<String, Object> decisions,
			List<Evenement> historique, List<DocumentOfficiel> documents, List<TacheAgent> taches,
			List<NotesDossier.Note> notes, List<Messagerie.Message> messages, Institution enCharge,
			boolean peutEcrire) {

		public long messagesNonLus() {
			return this.messages.stream().filter((message) -> message.duPorteur() && !message.lu()).count();
		}

		/** The name of an URPS by its group id. */
		public String urps(String groupId) {
			return Institution.ofGroupId(groupId).map(Institution::label).orElse(groupId);
		}

		public List<DossiersLecture.PieceLue> pieces() {
			return this.dossier.pieces().stream().filter((piece) -> this.vue.voitPiece(piece.categorie())).toList();
		}

	}

	/** A step of the timeline, with who did it and, for a decision, what and why. */
	record Evenement(String activite, String nom, Date debut, Date fin, String par, Map<String, Object> motifs) {
	}

	/** An open task of the viewer's institution, and its link to Tasklist. */
	record TacheAgent(String id, String nom, Date echeance) {

		public String lien() {
			return LiensTasklist.tache(this.id);
		}

	}

	/** Unknown, not sent, or not the viewer's to see: the same 404. */
	@ResponseStatus(HttpStatus.NOT_FOUND)
	static class DossierIntrouvable extends RuntimeException {

		DossierIntrouvable() {
			super("Dossier introuvable");
		}

	}

	private final DossiersLecture dossiers;

	private final DocumentsOfficiels documents;

	/** A note or a message refused: the key of the French reason and its arguments. */
	static class Refus extends RuntimeException {

		private final transient Object[] arguments;

		Refus(String code, Object... arguments) {
			super(code);
			this.arguments = arguments;
		}

		String code() {
			return getMessage();
		}

		Object[] arguments() {
			return this.arguments;
		}

	}

	private final TaskService tasks;

	private final NotesDossier notes;

	private final Messagerie messagerie;

	DossierAgent(DossiersLecture dossiers, DocumentsOfficiels documents, TaskService tasks, NotesDossier notes,
			Messagerie messagerie) {
		this.dossiers = dossiers;
		this.documents = documents;
		this.tasks = tasks;
		this.notes = notes;
		this.messagerie = messagerie;
	}

	Page page(String reference, Lecteur lecteur) {
		DossierLu dossier = this.dossiers.parReference(reference).orElseThrow(DossierIntrouvable::new);
		Vue vue = VisibiliteDossier.vue(lecteur, dossier.region(), dossier.transmisArs())
			.orElseThrow(DossierIntrouvable::new);
		Map<String, Map<String, String>> avis = new LinkedHashMap<>();
		dossier.avisUrps().forEach((urps, unAvis) -> {
			if (vue.voitAvisDe(urps)) {
				avis.put(urps, unAvis);
			}
		});
		Map<String, Object> decisions = new LinkedHashMap<>();
		VisibiliteDossier.DECISIONS.keySet().forEach((name) -> {
			Object value = dossier.variables().get(name);
			if (value != null && vue.voitDecision(name)) {
				decisions.put(name, lisible(value));
			}
		});
		List<DocumentOfficiel> documents = this.documents.ofDossier(reference)
			.stream()
			.filter((document) -> vue.voitDocument(document.type()))
			.toList();
		List<NotesDossier.Note> notes = this.notes.deDossier(reference);
		List<Messagerie.Message> messages = messagesVus(reference, lecteur, vue);
		Institution enCharge = this.messagerie.institutionEnCharge(reference);
		List<Evenement> historique = new java.util.ArrayList<>(historique(dossier, vue));
		notes.forEach(
				(note) -> historique.add(new Evenement("notePrivee", null, date(note.ecriteLe()), date(note.ecriteLe()),
						auteur(note.auteurNom(), note.institutionNom()), Map.of("note", extrait(note.texte())))));
		messages.forEach(
				(message) -> historique.add(new Evenement(message.duPorteur() ? "messagePorteur" : "messageInstitution",
						null, date(message.envoyeLe()), date(message.envoyeLe()), message.duPorteur()
								? message.auteurNom() : auteur(message.auteurNom(), message.institutionNom()),
						motifsMessage(message))));
		historique.sort(java.util.Comparator.comparing(Evenement::debut,
				java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder())));
		return new Page(dossier, vue, avis, decisions, historique, documents, taches(reference, lecteur), notes,
				messages, enCharge, lecteur.groupesAgents().contains(enCharge.groupId()));
	}

	/**
	 * The messages an agent sees: those of their own institutions; all of them for the
	 * Guichet CPTS (the porteurs' single entry point) and for the viewers who see the
	 * whole dossier (ARS and CPAM after the forwarding, administrators).
	 */
	private List<Messagerie.Message> messagesVus(String reference, Lecteur lecteur, Vue vue) {
		boolean tous = vue.voitTout() || lecteur.institutions().contains(Institution.GUICHET_CPTS);
		Set<String> groupes = lecteur.groupesAgents();
		return this.messagerie.fil(reference)
			.stream()
			.filter((message) -> tous || groupes.contains(message.institution()))
			.toList();
	}

	/**
	 * The viewer read the thread: the porteurs' messages to their institutions are read.
	 */
	void messagesLus(String reference, Lecteur lecteur, String userId) {
		if (!lecteur.groupesAgents().isEmpty()) {
			this.messagerie.luParLInstitution(reference, lecteur.groupesAgents(), userId);
		}
	}

	/**
	 * A private note, by any viewer who may see the dossier.
	 * @throws Refus when the text is empty or too long
	 */
	void ajouterNote(String reference, Lecteur lecteur, String userId, String texte) {
		DossierLu dossier = this.dossiers.parReference(reference).orElseThrow(DossierIntrouvable::new);
		VisibiliteDossier.vue(lecteur, dossier.region(), dossier.transmisArs()).orElseThrow(DossierIntrouvable::new);
		if (texte == null || texte.isBlank()) {
			throw new Refus("agents.notes.vide");
		}
		if (texte.length() > NotesDossier.TEXTE_MAX) {
			throw new Refus("agents.notes.tropLongue", NotesDossier.TEXTE_MAX, texte.length());
		}
		String institution = lecteur.groupesAgents().stream().findFirst().orElse(null);
		this.notes.ajouter(reference, userId, institution, texte);
	}

	/**
	 * A message to the porteurs, by an agent of the institution in charge, for it.
	 * @throws Refus when the viewer's institution is not in charge
	 * @throws Messagerie.MessageRefuse when the text or a file is refused
	 */
	void ecrire(String reference, Lecteur lecteur, String userId, String texte,
			List<org.springframework.web.multipart.MultipartFile> fichiers) {
		DossierLu dossier = this.dossiers.parReference(reference).orElseThrow(DossierIntrouvable::new);
		VisibiliteDossier.vue(lecteur, dossier.region(), dossier.transmisArs()).orElseThrow(DossierIntrouvable::new);
		Institution enCharge = this.messagerie.institutionEnCharge(reference);
		if (!lecteur.groupesAgents().contains(enCharge.groupId())) {
			throw new Refus("messagerie.pasEnCharge", enCharge.label());
		}
		this.messagerie.ecrireAuNomDe(enCharge, reference, dossier.region(), userId, texte, fichiers);
	}

	/** A file attached to a message the viewer sees. */
	Messagerie.FichierMessage pieceMessage(String reference, long pieceId, Lecteur lecteur) {
		DossierLu dossier = this.dossiers.parReference(reference).orElseThrow(DossierIntrouvable::new);
		Vue vue = VisibiliteDossier.vue(lecteur, dossier.region(), dossier.transmisArs())
			.orElseThrow(DossierIntrouvable::new);
		return this.messagerie.piece(reference, pieceId, messagesVus(reference, lecteur, vue))
			.orElseThrow(DossierIntrouvable::new);
	}

	private static Map<String, Object> motifsMessage(Messagerie.Message message) {
		Map<String, Object> motifs = new LinkedHashMap<>();
		if (message.duPorteur()) {
			motifs.put("destinataire", message.institutionNom());
		}
		motifs.put("message", extrait(message.texte()));
		if (!message.pieces().isEmpty()) {
			motifs.put("pieces", message.pieces().size());
		}
		return motifs;
	}

	private static Date date(java.time.ZonedDateTime le) {
		return Date.from(le.toInstant());
	}

	private static String auteur(String nom, String institution) {
		return (institution == null) ? nom : nom + " (" + institution + ")";
	}

	/** The timeline shows the beginning of a long text; the whole is in its section. */
	private static String extrait(String texte) {
		return (texte.length() <= 160) ? texte : texte.substring(0, 157) + "…";
	}

	/** A file of the dossier that the viewer may see. */
	FichierLu piece(String reference, long pieceId, Lecteur lecteur) {
		DossierLu dossier = this.dossiers.parReference(reference).orElseThrow(DossierIntrouvable::new);
		Vue vue = VisibiliteDossier.vue(lecteur, dossier.region(), dossier.transmisArs())
			.orElseThrow(DossierIntrouvable::new);
		return this.dossiers.piece(reference, pieceId)
			.filter((fichier) -> vue.voitPiece(fichier.categorie()))
			.orElseThrow(DossierIntrouvable::new);
	}

	/** An official document of the dossier that the viewer may see. */
	DocumentOfficiel document(String reference, long documentId, Lecteur lecteur) {
		DossierLu dossier = this.dossiers.parReference(reference).orElseThrow(DossierIntrouvable::new);
		Vue vue = VisibiliteDossier.vue(lecteur, dossier.region(), dossier.transmisArs())
			.orElseThrow(DossierIntrouvable::new);
		return this.documents.ofDossier(reference, documentId, vue::voitDocument).orElseThrow(DossierIntrouvable::new);
	}

	private List<Evenement> historique(DossierLu dossier, Vue vue) {
		List<EvenementLu> visibles = dossier.historique()
			.stream()
			.filter((evenement) -> vue.voitActivite(evenement.activite()))
			.filter((evenement) -> !SANS_INTERET.contains(evenement.activite()))
			.toList();
		java.util.ArrayList<Evenement> historique = new java.util.ArrayList<>();
		for (int i = 0; i < visibles.size(); i++) {
			EvenementLu evenement = visibles.get(i);
			String activite = evenement.activite();
			boolean derniere = evenement.fin() != null && visibles.subList(i + 1, visibles.size())
				.stream()
				.noneMatch((suivant) -> suivant.activite().equals(activite));
			Object decidePar = dossier.variables().get(activite + "DecidePar");
			String par = (evenement.par() != null) ? evenement.par()
					: (derniere && decidePar != null) ? decidePar.toString() : null;
			Map<String, Object> motifs = new LinkedHashMap<>();
			// the variables hold the last decision of a step: it belongs to its last
			// occurrence
			if (derniere) {
				for (String name : MOTIFS.getOrDefault(activite, List.of())) {
					Object value = dossier.variables().get(name);
					if (value != null && !value.toString().isBlank() && vue.voitDecision(name)) {
						motifs.put(name, lisible(value));
					}
				}
			}
			historique.add(new Evenement(activite, evenement.nom(), evenement.debut(), evenement.fin(), par, motifs));
		}
		return historique;
	}

	/** An amount of 25000.0 reads 25000. */
	private static Object lisible(Object value) {
		if (value instanceof Double number && number == Math.rint(number) && !number.isInfinite()) {
			return number.longValue();
		}
		return value;
	}

	private List<TacheAgent> taches(String reference, Lecteur lecteur) {
		Set<String> groupes = lecteur.groupesAgents();
		if (groupes.isEmpty()) {
			return List.of();
		}
		return this.tasks.createTaskQuery()
			.processInstanceBusinessKey(reference)
			.taskCandidateGroupIn(List.copyOf(groupes))
			.includeAssignedTasks()
			.orderByDueDate()
			.asc()
			.list()
			.stream()
			.map((task) -> new TacheAgent(task.getId(), task.getName(), task.getDueDate()))
			.toList();
	}

}
