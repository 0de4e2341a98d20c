package fr.parcourscpts.compte;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.parcourscpts.compte.LienEmis.Objet;
import fr.parcourscpts.dossier.DossierMembers;
import fr.parcourscpts.dossier.DossierMembers.Role;
import fr.parcourscpts.dossier.Dossiers;
import fr.parcourscpts.dossier.Dossiers.Dossier;

/**
 * Invitations of co-porteurs: a member of a dossier invites an address; whoever logs in
 * with the account of that very address may accept, once, before it expires, and becomes
 * a co-porteur of the dossier.
 */
@Service
public class Invitations {

	private final JdbcClient jdbc;

	private final Dossiers dossiers;

	private final DossierMembers membres;

	private final IdentityService identity;

	private final ApplicationEventPublisher events;

	private final ComptesProperties proprietes;

	private final LimitesDesCourriels limites;

	private final String publicUrl;

	Invitations(JdbcClient jdbc, Dossiers dossiers, DossierMembers membres, IdentityService identity,
			ApplicationEventPublisher events, ComptesProperties proprietes, LimitesDesCourriels limites,
			@Value("${parcours.public-url}") String publicUrl) {
		this.jdbc = jdbc;
		this.dossiers = dossiers;
		this.membres = membres;
		this.identity = identity;
		this.events = events;
		this.proprietes = proprietes;
		this.limites = limites;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	/**
	 * Invites an address to a dossier and mails it the link, within the quota of
	 * invitation mails per address and per client address. The member who invites is
	 * logged in and told when the quota is used up: no account to reveal here.
	 * @param adresseClient the address the request came from
	 * @throws AccessDeniedException when the inviting user is not a member of the dossier
	 * @return the message key of why the invitation was not sent, if it was not
	 */
	@Transactional
	public Optional<String> inviter(long dossierId, String invitant, String email, String adresseClient) {
		exigerMembre(dossierId, invitant);
		String adresse = Adresses.normaliser(email);
		Optional<String> erreur = Adresses.erreur(adresse);
		if (erreur.isPresent()) {
			return erreur;
		}
		if (this.membres.isMember(dossierId, adresse)) {
			return Optional.of("compte.invitation.dejaMembre");
		}
		if (!this.limites.permis(LimitesDesCourriels.Envoi.INVITATION, adresse, adresseClient)) {
			return Optional.of("compte.invitation.tropDEnvois");
		}
		OffsetDateTime now = OffsetDateTime.now();
		String jeton = Jetons.nouveau();
		this.jdbc
			.sql("insert into invitation (empreinte, dossier_id, email, invite_par, cree_le, expire_le) "
					+ "values (:empreinte, :dossier, :email, :par, :now, :expire)")
			.param("empreinte", Jetons.empreinte(jeton))
			.param("dossier", dossierId)
			.param("email", adresse)
			.param("par", invitant)
			.param("now", now)
			.param("expire", now.plus(this.proprietes.getInvitation()))
			.update();
		Dossier dossier = dossier(dossierId);
		this.events.publishEvent(new LienEmis(Objet.INVITATION, adresse, this.publicUrl + "/invitation?jeton=" + jeton,
				Map.of("invitant", nomDe(invitant), "reference", dossier.reference(), "nomCpts", dossier.nomCpts())));
		return Optional.empty();
	}

	/** The invitations of a dossier not yet accepted, for its members only. */
	@Transactional(readOnly = true)
	public List<EnAttente> enAttente(long dossierId, String membre) {
		exigerMembre(dossierId, membre);
		return this.jdbc
			.sql("select email, invite_par, expire_le from invitation "
					+ "where dossier_id = :dossier and acceptee_le is null and expire_le > :now order by cree_le")
			.param("dossier", dossierId)
			.param("now", OffsetDateTime.now())
			.query((rs, row) -> new EnAttente(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class)))
			.list();
	}

	/** What an invitation link shows before it is accepted; empty when unknown. */
	@Transactional(readOnly = true)
	public Optional<Apercu> apercu(String jeton) {
		return invitation(jeton).map((invitation) -> {
			Dossier dossier = dossier(invitation.dossierId());
			return new Apercu(invitation.email(), nomDe(invitation.invitePar()), dossier.reference(), dossier.nomCpts(),
					invitation.etat(OffsetDateTime.now()));
		});
	}

	/**
	 * Accepts an invitation for the logged-in user.
	 * @return the dossier id, or the message key of the refusal
	 */
	@Transactional
	public Acceptation accepter(String jeton, String userId) {
		OffsetDateTime now = OffsetDateTime.now();
		Optional<Invitation> trouvee = invitation(jeton);
		if (trouvee.isEmpty()) {
			return Acceptation.refusee(EtatLien.INCONNU.messageKey());
		}
		Invitation invitation = trouvee.get();
		EtatLien etat = invitation.etat(now);
		if (etat != EtatLien.VALIDE) {
			return Acceptation.refusee(etat.messageKey());
		}
		if (!invitation.email().equals(userId)) {
			return Acceptation.refusee("compte.invitation.autreCompte");
		}
		int acceptee = this.jdbc.sql(
				"update invitation set acceptee_le = :now, acceptee_par = :user where id = :id and acceptee_le is null")
			.param("now", now)
			.param("user", userId)
			.param("id", invitation.id())
			.update();
		if (acceptee != 1) {
			return Acceptation.refusee(EtatLien.UTILISE.messageKey());
		}
		this.membres.add(invitation.dossierId(), userId, Role.CO_PORTEUR);
		return new Acceptation(invitation.dossierId(), null);
	}

	private void exigerMembre(long dossierId, String userId) {
		if (userId == null || !this.membres.isMember(dossierId, userId)) {
			throw new AccessDeniedException("Seuls les membres du dossier peuvent inviter.");
		}
	}

	private Optional<Invitation> invitation(String jeton) {
		if (jeton == null || jeton.isBlank()) {
			return Optional.empty();
		}
		return this.jdbc.sql(
				"select id, dossier_id, email, invite_par, expire_le, acceptee_le from invitation where empreinte = :empreinte")
			.param("empreinte", Jetons.empreinte(jeton))
			.query((rs, row) -> new Invitation(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
					rs.getObject(5, OffsetDateTime.class), rs.getObject(6, OffsetDateTime.class)))
			.optional();
	}

	private Dossier dossier(long dossierId) {
		return this.dossiers.byId(dossierId).orElseThrow();
	}

	private String nomDe(String userId) {
		User user = this.identity.createUserQuery().userId(userId).singleResult();
		if (user == null) {
			return userId;
		}
		String nom = ((user.getFirstName() != null) ? user.getFirstName() : "") + " "
				+ ((user.getLastName() != null) ? user.getLastName() : "");
		return nom.isBlank() ? userId : nom.trim();
	}

	/** An invitation waiting for its answer. */
	public record EnAttente(String email, String invitePar, OffsetDateTime expireLe) {
	}

	/** An invitation as its link shows it. */
	public record Apercu(String email, String invitant, String reference, String nomCpts, EtatLien etat) {
	}

	/** The outcome of an acceptance: the dossier joined, or why not. */
	public record Acceptation(Long dossierId, String refus) {

		static Acceptation refusee(String messageKey) {
			return new Acceptation(null, messageKey);
		}

		public boolean acceptee() {
			return this.refus == null;
		}

	}

	private record Invitation(long id, long dossierId, String email, String invitePar, OffsetDateTime expireLe,
			OffsetDateTime accepteeLe) {

		EtatLien etat(OffsetDateTime now) {
			if (this.accepteeLe != null) {
				return EtatLien.UTILISE;
			}
			return this.expireLe.isAfter(now) ? EtatLien.VALIDE : EtatLien.EXPIRE;
		}

	}

}
