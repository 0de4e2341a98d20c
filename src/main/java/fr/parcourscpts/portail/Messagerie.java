package fr.parcourscpts.portail;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricIdentityLinkLog;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

import fr.parcourscpts.identity.Institution;
import fr.parcourscpts.notification.DossierNotified;

/**
 * The messages of a dossier between its porteurs and the institution in charge of its
 * current step (docs/agents.md, "Messagerie"): one thread per dossier, PDF attachments
 * with the checks of the dossier's pieces, a mail to the other side (through the outbox,
 * in the message's transaction), a "non lu" marker per side. It checks no access: the
 * portal checks the porteur's membership, the agents' module what the agent may see and
 * that their institution is the one in charge.
 */
@Service
public class Messagerie {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	/** The longest message, in characters (the column's size). */
	public static final int TEXTE_MAX = 4000;

	/** The most files attached to one message. */
	public static final int PIECES_MAX = 5;

	/** The event (and mail template) of a new message. */
	static final String MESSAGE_RECU = "messageRecu";

	/** Who wrote a message. */
	public enum Cote {

		PORTEUR, INSTITUTION

	}

	/** A file attached to a message, without its bytes. */
	public record PieceMessage(long id, String nom, long taille, String sha256) {
	}

	/** A file attached to a message, with its bytes. */
	public record FichierMessage(String nom, byte[] contenu) {
	}

	/**
	 * A message of the thread.
	 *
	 * @param institution the group id of the institution of the conversation: the
	 * addressee of a porteur's message, the author's of an agent's
	 * @param lu whether the other side has read it
	 */
	public record Message(long id, Cote cote, String institution, String auteur, String auteurNom, String texte,
			ZonedDateTime envoyeLe, boolean lu, List<PieceMessage> pieces) {

		public boolean duPorteur() {
			return this.cote == Cote.PORTEUR;
		}

		public String institutionNom() {
			return Institution.ofGroupId(this.institution).map(Institution::label).orElse(this.institution);
		}

	}

	/** A message refused, with the French reason. */
	public static class MessageRefuse extends RuntimeException {

		MessageRefuse(String message) {
			super(message);
		}

	}

	private final JdbcClient jdbc;

	private final PiecesJointes pieces;

	private final TaskService tasks;

	private final HistoryService history;

	private final IdentityService identity;

	private final ApplicationEventPublisher events;

	private final MessageSource messages;

	private final TransactionTemplate transaction;

	private final String publicUrl;

	Messagerie(JdbcClient jdbc, PiecesJointes pieces, TaskService tasks, HistoryService history,
			IdentityService identity, ApplicationEventPublisher events, MessageSource messages,
			PlatformTransactionManager transactions, @Value("${parcours.public-url}") String publicUrl) {
		this.jdbc = jdbc;
		this.pieces = pieces;
		this.tasks = tasks;
		this.history = history;
		this.identity = identity;
		this.events = events;
		this.messages = messages;
		this.transaction = new TransactionTemplate(transactions);
		this.publicUrl = publicUrl;
	}

	/** The thread of the dossier, oldest first. */
	public List<Message> fil(String reference) {
		Map<Long, List<PieceMessage>> pieces = new HashMap<>();
		this.jdbc.sql("""
				select p.id, p.message_id, p.nom_affiche, p.taille, p.sha256 from message_piece p
				join message_dossier m on m.id = p.message_id where m.reference = :reference order by p.id""")
			.param("reference", reference)
			.query((rs) -> {
				pieces.computeIfAbsent(rs.getLong(2), (id) -> new ArrayList<>())
					.add(new PieceMessage(rs.getLong(1), rs.getString(3), rs.getLong(4), rs.getString(5)));
			});
		return this.jdbc.sql("""
				select id, cote, institution, auteur, auteur_nom, texte, envoye_le, lu_le from message_dossier
				where reference = :reference order by envoye_le, id""")
			.param("reference", reference)
			.query((rs, row) -> new Message(rs.getLong(1), Cote.valueOf(rs.getString(2)), rs.getString(3),
					rs.getString(4), rs.getString(5), rs.getString(6),
					rs.getObject(7, OffsetDateTime.class).atZoneSameInstant(PARIS), rs.getObject(8) != null,
					pieces.getOrDefault(rs.getLong(1), List.of())))
			.list();
	}

	/**
	 * The institution in charge of the dossier's current step: the one whose candidate
	 * group holds an open task; at the URPS opinions (ten URPS at once) the Guichet CPTS,
	 * which runs the consultation; when several others hold tasks, the first of Guichet,
	 * ARS, CPAM. When only the porteurs have tasks (or the dossier is closed): the
	 * institution of the last agent task completed; before any, the Guichet CPTS, the
	 * porteurs' single entry point.
	 */
	public Institution institutionEnCharge(String reference) {
		return institutionEnCharge(reference,
				this.tasks.createTaskQuery().processInstanceBusinessKey(reference).list());
	}

	/**
	 * The same, from the dossier's open tasks already read by the caller (the porteur's
	 * dossier page reads them once for all its parts).
	 */
	Institution institutionEnCharge(String reference, List<Task> ouvertesDuDossier) {
		Set<Institution> ouvertes = EnumSet.noneOf(Institution.class);
		for (String groupe : groupesCandidats(ouvertesDuDossier)) {
			Institution.ofGroupId(groupe).filter(Institution::isAgent).ifPresent(ouvertes::add);
		}
		if (!ouvertes.isEmpty()) {
			return choisir(ouvertes);
		}
		List<HistoricTaskInstance> finies = this.history.createHistoricTaskInstanceQuery()
			.processInstanceBusinessKey(reference)
			.finished()
			.orderByHistoricTaskInstanceEndTime()
			.desc()
			.list();
		for (HistoricTaskInstance finie : finies) {
			Set<Institution> groupes = EnumSet.noneOf(Institution.class);
			for (HistoricIdentityLinkLog link : this.history.createHistoricIdentityLinkLogQuery()
				.taskId(finie.getId())
				.type(IdentityLinkType.CANDIDATE)
				.list()) {
				if (link.getGroupId() != null) {
					Institution.ofGroupId(link.getGroupId()).filter(Institution::isAgent).ifPresent(groupes::add);
				}
			}
			if (!groupes.isEmpty()) {
				return choisir(groupes);
			}
		}
		return Institution.GUICHET_CPTS;
	}

	/**
	 * The candidate groups of these open tasks, in one query: the engine's API reads them
	 * task by task ({@code getIdentityLinksForTask}: four statements a task, 40 at the
	 * URPS step), and its task query cannot return them. The runtime table
	 * {@code ACT_RU_IDENTITYLINK} is read as the agents' list reads it
	 * ({@code agents/ListeDossiers}).
	 */
	private List<String> groupesCandidats(List<Task> ouvertes) {
		if (ouvertes.isEmpty()) {
			return List.of();
		}
		return this.jdbc.sql("""
				select distinct GROUP_ID_ from ACT_RU_IDENTITYLINK
				where TASK_ID_ in (:taches) and TYPE_ = :type and GROUP_ID_ is not null""")
			.param("taches", ouvertes.stream().map(Task::getId).toList())
			.param("type", IdentityLinkType.CANDIDATE)
			.query(String.class)
			.list();
	}

	static Institution choisir(Set<Institution> institutions) {
		return institutions.stream()
			.filter((institution) -> institution.kind() != Institution.Kind.URPS)
			.findFirst()
			.orElse(Institution.GUICHET_CPTS);
	}

	/**
	 * A porteur writes to the institution in charge, told by mail.
	 * @return the institution written to
	 * @throws MessageRefuse when the text or a file is refused (nothing stored)
	 */
	public Institution ecrireAuNomDuPorteur(String reference, String region, String userId, String texte,
			List<MultipartFile> fichiers) {
		Institution destinataire = institutionEnCharge(reference);
		ecrire(Cote.PORTEUR, destinataire, reference, region, userId, texte, fichiers);
		return destinataire;
	}

	/**
	 * An agent writes to the porteurs for their institution; the porteurs are told by
	 * mail.
	 * @throws MessageRefuse when the text or a file is refused (nothing stored)
	 */
	public void ecrireAuNomDe(Institution institution, String reference, String region, String userId, String texte,
			List<MultipartFile> fichiers) {
		ecrire(Cote.INSTITUTION, institution, reference, region, userId, texte, fichiers);
	}

	/**
	 * Checks and stores a message of this side with the institution of the conversation,
	 * and tells the other side.
	 */
	void ecrire(Cote cote, Institution institution, String reference, String region, String userId, String texte,
			List<MultipartFile> fichiers) {
		List<PiecesJointes.PieceVerifiee> verifiees = verifier(reference, texte, fichiers);
		boolean duPorteur = cote == Cote.PORTEUR;
		enregistrer(reference, region, cote, institution, userId, texte, verifiees,
				duPorteur ? institution.groupId() : "porteur", this.publicUrl
						+ (duPorteur ? "/agents/dossiers/" + reference : "/dossiers/" + reference) + "#messages");
	}

	/**
	 * The porteurs' messages to these institutions that no agent of theirs has read, per
	 * dossier reference (the agents' list): one aggregated query, whatever the number of
	 * dossiers. Dossiers without any are absent.
	 */
	public Map<String, Integer> nonLusParLesInstitutions(Collection<String> groupes) {
		if (groupes.isEmpty()) {
			return Map.of();
		}
		return nonLus(Cote.PORTEUR, "institution in (:groupes)", "groupes", List.copyOf(groupes));
	}

	/**
	 * The institutions' messages that the porteurs have not read, per dossier reference
	 * among these (the porteur's list of dossiers): one query.
	 */
	public Map<String, Integer> nonLusParLePorteur(Collection<String> references) {
		if (references.isEmpty()) {
			return Map.of();
		}
		return nonLus(Cote.INSTITUTION, "reference in (:references)", "references", List.copyOf(references));
	}

	private Map<String, Integer> nonLus(Cote cote, String condition, String nom, List<String> valeurs) {
		Map<String, Integer> nonLus = new HashMap<>();
		this.jdbc
			.sql("select reference, count(*) from message_dossier where cote = :cote and lu_le is null and " + condition
					+ " group by reference")
			.param("cote", cote.name())
			.param(nom, valeurs)
			.query((rs) -> {
				nonLus.put(rs.getString(1), rs.getInt(2));
			});
		return nonLus;
	}

	/** The porteurs viewed the thread: the institutions' messages are read. */
	public int luParLePorteur(String reference, String userId) {
		return marquerLu(reference, Cote.INSTITUTION, null, userId);
	}

	/**
	 * An agent viewed the thread: the porteurs' messages to their institutions are read
	 * (those to another institution stay unread for it).
	 */
	public int luParLInstitution(String reference, Set<String> groupes, String userId) {
		int lus = 0;
		for (String groupe : groupes) {
			lus += marquerLu(reference, Cote.PORTEUR, groupe, userId);
		}
		return lus;
	}

	/** A file attached to a message of this dossier; empty when it is not one of its. */
	public Optional<FichierMessage> piece(String reference, long pieceId) {
		return this.jdbc.sql("""
				select p.nom_affiche, p.contenu from message_piece p join message_dossier m on m.id = p.message_id
				where p.id = :id and m.reference = :reference""")
			.param("id", pieceId)
			.param("reference", reference)
			.query((rs, row) -> new FichierMessage(rs.getString(1), rs.getBytes(2)))
			.optional();
	}

	/**
	 * A file attached to one of these messages (what the reader may see of the thread).
	 */
	public Optional<FichierMessage> piece(String reference, long pieceId, List<Message> visibles) {
		boolean visible = visibles.stream()
			.flatMap((message) -> message.pieces().stream())
			.anyMatch((piece) -> piece.id() == pieceId);
		return visible ? piece(reference, pieceId) : Optional.empty();
	}

	private int marquerLu(String reference, Cote cote, String institution, String userId) {
		JdbcClient.StatementSpec update = this.jdbc
			.sql("""
					update message_dossier set lu_le = :le, lu_par = :par
					where reference = :reference and cote = :cote and lu_le is null"""
					+ ((institution != null) ? " and institution = :institution" : ""))
			.param("le", maintenant())
			.param("par", userId)
			.param("reference", reference)
			.param("cote", cote.name());
		if (institution != null) {
			update = update.param("institution", institution);
		}
		return update.update();
	}

	private List<PiecesJointes.PieceVerifiee> verifier(String reference, String texte, List<MultipartFile> fichiers) {
		if (texte == null || texte.isBlank()) {
			throw new MessageRefuse(message("messagerie.texte.vide"));
		}
		if (texte.length() > TEXTE_MAX) {
			throw new MessageRefuse(message("messagerie.texte.tropLong", TEXTE_MAX, texte.length()));
		}
		List<MultipartFile> fournis = (fichiers != null) ? fichiers.stream().filter(Taches::fourni).toList()
				: List.of();
		if (fournis.size() > PIECES_MAX) {
			throw new MessageRefuse(message("messagerie.pieces.tropNombreuses", PIECES_MAX));
		}
		long deja = this.jdbc.sql("""
				select coalesce(sum(p.taille), 0) from message_piece p join message_dossier m on m.id = p.message_id
				where m.reference = :reference""").param("reference", reference).query(Long.class).single();
		long plafond = this.pieces.limites().tailleParDossier().toBytes();
		List<PiecesJointes.PieceVerifiee> verifiees = new ArrayList<>();
		for (MultipartFile fichier : fournis) {
			String nom = PiecesJointes.nomAffiche(fichier.getOriginalFilename());
			try {
				PiecesJointes.PieceVerifiee piece = this.pieces.controler(fichier);
				deja += piece.contenu().length;
				if (deja > plafond) {
					throw new MessageRefuse(message("messagerie.pieces.quotaTaille", nom,
							this.pieces.limites().tailleParDossier().toMegabytes()));
				}
				verifiees.add(piece);
			}
			catch (PiecesJointes.FichierRefuse ex) {
				throw new MessageRefuse(
						message("messagerie.piece.refusee", message(ex.code(), this.pieces.arguments(nom))));
			}
		}
		return verifiees;
	}

	private void enregistrer(String reference, String region, Cote cote, Institution institution, String userId,
			String texte, List<PiecesJointes.PieceVerifiee> verifiees, String destinataires, String lien) {
		OffsetDateTime le = maintenant();
		String auteurNom = nomDe(userId);
		this.transaction.executeWithoutResult((status) -> {
			GeneratedKeyHolder key = new GeneratedKeyHolder();
			this.jdbc.sql("""
					insert into message_dossier (reference, cote, institution, auteur, auteur_nom, texte, envoye_le)
					values (:reference, :cote, :institution, :auteur, :nom, :texte, :le)""")
				.param("reference", reference)
				.param("cote", cote.name())
				.param("institution", institution.groupId())
				.param("auteur", userId)
				.param("nom", auteurNom)
				.param("texte", texte.strip())
				.param("le", le)
				.update(key, "id");
			long id = key.getKey().longValue();
			for (PiecesJointes.PieceVerifiee piece : verifiees) {
				this.jdbc.sql("""
						insert into message_piece (message_id, nom_affiche, taille, sha256, contenu)
						values (:message, :nom, :taille, :sha, :contenu)""")
					.param("message", id)
					.param("nom", piece.nom())
					.param("taille", piece.contenu().length)
					.param("sha", PiecesJointes.sha256(piece.contenu()))
					.param("contenu", piece.contenu())
					.update();
			}
			Map<String, Object> donnees = new LinkedHashMap<>();
			donnees.put("expediteur", (cote == Cote.PORTEUR) ? auteurNom : institution.label());
			donnees.put("duPorteur", cote == Cote.PORTEUR);
			donnees.put("institution", institution.label());
			donnees.put("nombrePieces", verifiees.size());
			donnees.put("lienMessage", lien);
			// heard synchronously by the notification module: the mails are recorded in
			// this transaction, with the message or not at all
			this.events.publishEvent(
					new DossierNotified(reference, region, MESSAGE_RECU, destinataires, donnees, le.toInstant()));
		});
	}

	/** The person's name from the identity store, else their login. */
	String nomDe(String userId) {
		User user = this.identity.createUserQuery().userId(userId).singleResult();
		if (user == null) {
			return userId;
		}
		String nom = ((user.getFirstName() != null ? user.getFirstName() : "") + " "
				+ (user.getLastName() != null ? user.getLastName() : ""))
			.strip();
		return nom.isEmpty() ? userId : nom;
	}

	private static OffsetDateTime maintenant() {
		return ClockUtil.getCurrentTime().toInstant().atZone(PARIS).toOffsetDateTime();
	}

	private String message(String code, Object... arguments) {
		return this.messages.getMessage(code, arguments, Locale.FRANCE);
	}

}
