package fr.parcourscpts.compte;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.parcourscpts.compte.LienEmis.Objet;
import fr.parcourscpts.identity.Institution;
import fr.parcourscpts.ratelimit.RateLimitRule;
import fr.parcourscpts.ratelimit.RateLimiter;

/**
 * The accounts of the porteurs. A sign-up creates the Camunda user at once, outside the
 * group {@code porteurs} and marked unconfirmed here: the password goes straight to the
 * engine (never stored by us, not even hashed) and the login refuses the account until
 * the link sent to the address is followed, which adds the user to {@code porteurs}.
 */
@Service
public class Comptes {

	private static final Logger logger = LoggerFactory.getLogger(Comptes.class);

	private static final String GROUPE_PORTEURS = Institution.PORTEURS.groupId();

	/** Wrong current passwords on "Mon compte", per account. */
	static final RateLimitRule MOT_DE_PASSE_ACTUEL = new RateLimitRule("mot-de-passe-actuel", 5, Duration.ofMinutes(15),
			Duration.ofMinutes(1), Duration.ofMinutes(15));

	private final IdentityService identity;

	private final JdbcClient jdbc;

	private final ApplicationEventPublisher events;

	private final ComptesProperties proprietes;

	private final LimitesDesCourriels limites;

	private final RateLimiter limiter;

	private final String publicUrl;

	Comptes(IdentityService identity, JdbcClient jdbc, ApplicationEventPublisher events, ComptesProperties proprietes,
			LimitesDesCourriels limites, RateLimiter limiter, @Value("${parcours.public-url}") String publicUrl) {
		this.identity = identity;
		this.jdbc = jdbc;
		this.events = events;
		this.proprietes = proprietes;
		this.limites = limites;
		this.limiter = limiter;
		this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
	}

	/**
	 * Records a sign-up and sends the confirmation link. The answer is the same whether
	 * the address already has an account or not: its owner then receives a mail telling
	 * so, with the way to reset the password. Signing up again with an unconfirmed
	 * address replaces the pending sign-up and voids its earlier links. Beyond the quota
	 * of sign-up mails (per address and per client address) nothing is done, with the
	 * same answer.
	 * @param adresseClient the address the request came from
	 */
	@Transactional
	public void inscrire(Inscription inscription, String adresseClient) {
		String userId = inscription.email();
		if (!this.limites.permis(LimitesDesCourriels.Envoi.INSCRIPTION, userId, adresseClient)) {
			return;
		}
		boolean utilisateurExistant = this.identity.createUserQuery().userId(userId).count() > 0;
		Optional<Boolean> confirme = confirmation(userId);
		boolean enAttente = confirme.equals(Optional.of(false));
		if (utilisateurExistant && !enAttente) {
			this.events.publishEvent(new LienEmis(Objet.COMPTE_EXISTANT, userId,
					this.publicUrl + "/mot-de-passe/oublie", Map.of("prenom", inscription.prenom())));
			return;
		}
		User user = utilisateurExistant ? this.identity.createUserQuery().userId(userId).singleResult()
				: this.identity.newUser(userId);
		user.setFirstName(inscription.prenom());
		user.setLastName(inscription.nom());
		user.setEmail(userId);
		user.setPassword(inscription.motDePasse());
		this.identity.saveUser(user);
		OffsetDateTime now = OffsetDateTime.now();
		if (confirme.isPresent()) {
			// Unconfirmed again: the address must be proven by the new link.
			this.jdbc.sql(
					"update compte set profession = :profession, cgu_acceptees_le = :now, confirme_le = null where utilisateur = :id")
				.param("profession", inscription.profession().name())
				.param("now", now)
				.param("id", userId)
				.update();
			annulerLiens(userId, Objet.CONFIRMATION, now);
		}
		else {
			this.jdbc.sql(
					"insert into compte (utilisateur, profession, cgu_acceptees_le, cree_le) values (:id, :profession, :now, :now)")
				.param("id", userId)
				.param("profession", inscription.profession().name())
				.param("now", now)
				.update();
		}
		String jeton = emettre(userId, Objet.CONFIRMATION, this.proprietes.getConfirmation(), now);
		this.events.publishEvent(new LienEmis(Objet.CONFIRMATION, userId,
				this.publicUrl + "/inscription/confirmation?jeton=" + jeton, Map.of("prenom", inscription.prenom())));
	}

	/**
	 * What a confirmation link is worth, without using it: opening the link only shows a
	 * button, as mail scanners that follow links must not confirm an account.
	 */
	@Transactional(readOnly = true)
	public EtatLien verifierConfirmation(String jeton) {
		return lien(jeton, Objet.CONFIRMATION).etat(OffsetDateTime.now());
	}

	/**
	 * Confirms the address of a sign-up (the button of the link's page, a POST); the
	 * account may log in from then on.
	 */
	@Transactional
	public EtatLien confirmer(String jeton) {
		OffsetDateTime now = OffsetDateTime.now();
		Lien lien = lien(jeton, Objet.CONFIRMATION);
		EtatLien etat = lien.etat(now);
		if (etat != EtatLien.VALIDE) {
			return etat;
		}
		if (!consommer(jeton, now)) {
			return EtatLien.UTILISE;
		}
		activer(lien.utilisateur(), now);
		return etat;
	}

	/**
	 * Sends a reset link when the address has an account, and nothing otherwise: the
	 * caller answers the same in both cases. Beyond the quota of reset mails (per address
	 * and per client address, counted whether the account exists or not) nothing is sent
	 * either.
	 * @param adresseClient the address the request came from
	 */
	@Transactional
	public void demanderReinitialisation(String email, String adresseClient) {
		String userId = Adresses.normaliser(email);
		if (!this.limites.permis(LimitesDesCourriels.Envoi.REINITIALISATION, userId, adresseClient)) {
			return;
		}
		if (confirmation(userId).isEmpty()) {
			logger.debug("Password reset asked for an address without account");
			return;
		}
		User user = this.identity.createUserQuery().userId(userId).singleResult();
		String jeton = emettre(userId, Objet.REINITIALISATION, this.proprietes.getReinitialisation(),
				OffsetDateTime.now());
		this.events.publishEvent(
				new LienEmis(Objet.REINITIALISATION, userId, this.publicUrl + "/mot-de-passe/nouveau?jeton=" + jeton,
						Map.of("prenom", (user != null && user.getFirstName() != null) ? user.getFirstName() : "")));
	}

	/** What a reset link is worth, without using it. */
	@Transactional(readOnly = true)
	public EtatLien verifierReinitialisation(String jeton) {
		return lien(jeton, Objet.REINITIALISATION).etat(OffsetDateTime.now());
	}

	/**
	 * Sets a new password with a reset link. The link proves that its reader owns the
	 * address, so it also confirms a sign-up that was not yet, and lifts a lock left by
	 * failed logins.
	 */
	@Transactional
	public EtatLien reinitialiser(String jeton, String motDePasse) {
		OffsetDateTime now = OffsetDateTime.now();
		Lien lien = lien(jeton, Objet.REINITIALISATION);
		EtatLien etat = lien.etat(now);
		if (etat != EtatLien.VALIDE || !consommer(jeton, now)) {
			return (etat == EtatLien.VALIDE) ? EtatLien.UTILISE : etat;
		}
		changer(lien.utilisateur(), motDePasse);
		this.identity.unlockUser(lien.utilisateur());
		annulerLiens(lien.utilisateur(), Objet.REINITIALISATION, now);
		activer(lien.utilisateur(), now);
		return etat;
	}

	/**
	 * Changes the password of a logged-in user. The current password is checked with the
	 * limits of the login (5 wrong ones, then a wait doubling from 1 to 15 minutes): a
	 * borrowed session must not become a way to guess it.
	 * @return the message key of why the password was not changed, if it was not
	 */
	@Transactional
	public Optional<String> changerMotDePasse(String userId, String actuel, String nouveau) {
		if (this.limiter.blocked(MOT_DE_PASSE_ACTUEL, userId).isPresent()) {
			return Optional.of("compte.motDePasse.tropDEssais");
		}
		if (!this.identity.checkPassword(userId, actuel)) {
			boolean bloque = this.limiter.record(MOT_DE_PASSE_ACTUEL, userId).blocked();
			return Optional.of(bloque ? "compte.motDePasse.tropDEssais" : "compte.motDePasse.actuelIncorrect");
		}
		this.limiter.reset(MOT_DE_PASSE_ACTUEL, userId);
		changer(userId, nouveau);
		return Optional.empty();
	}

	/** True when the account signed up but never confirmed its address. */
	@Transactional(readOnly = true)
	public boolean nonConfirme(String userId) {
		return confirmation(userId).equals(Optional.of(false));
	}

	/** What the "Mon compte" page shows. */
	@Transactional(readOnly = true)
	public Optional<Profil> profil(String userId) {
		User user = this.identity.createUserQuery().userId(userId).singleResult();
		if (user == null) {
			return Optional.empty();
		}
		Optional<Profession> profession = this.jdbc.sql("select profession from compte where utilisateur = :id")
			.param("id", userId)
			.query(String.class)
			.optional()
			.map(Profession::valueOf);
		return Optional
			.of(new Profil(userId, user.getFirstName(), user.getLastName(), user.getEmail(), profession.orElse(null)));
	}

	private void changer(String userId, String motDePasse) {
		User user = this.identity.createUserQuery().userId(userId).singleResult();
		user.setPassword(motDePasse);
		this.identity.saveUser(user);
	}

	private void activer(String userId, OffsetDateTime now) {
		this.jdbc.sql("update compte set confirme_le = :now where utilisateur = :id and confirme_le is null")
			.param("now", now)
			.param("id", userId)
			.update();
		if (this.identity.createUserQuery().userId(userId).memberOfGroup(GROUPE_PORTEURS).count() == 0) {
			this.identity.createMembership(userId, GROUPE_PORTEURS);
		}
	}

	/** Empty when the user has no porteur account, else whether it is confirmed. */
	private Optional<Boolean> confirmation(String userId) {
		return this.jdbc.sql("select confirme_le from compte where utilisateur = :id")
			.param("id", userId)
			.query((rs, row) -> rs.getObject(1) != null)
			.optional();
	}

	private String emettre(String userId, Objet objet, Duration validite, OffsetDateTime now) {
		String jeton = Jetons.nouveau();
		this.jdbc
			.sql("insert into compte_jeton (empreinte, objet, utilisateur, cree_le, expire_le) "
					+ "values (:empreinte, :objet, :id, :now, :expire)")
			.param("empreinte", Jetons.empreinte(jeton))
			.param("objet", objet.name())
			.param("id", userId)
			.param("now", now)
			.param("expire", now.plus(validite))
			.update();
		return jeton;
	}

	private Lien lien(String jeton, Objet objet) {
		if (jeton == null || jeton.isBlank()) {
			return Lien.INCONNU;
		}
		return this.jdbc.sql(
				"select utilisateur, expire_le, utilise_le from compte_jeton where empreinte = :empreinte and objet = :objet")
			.param("empreinte", Jetons.empreinte(jeton))
			.param("objet", objet.name())
			.query((rs, row) -> new Lien(rs.getString(1), rs.getObject(2, OffsetDateTime.class),
					rs.getObject(3, OffsetDateTime.class)))
			.optional()
			.orElse(Lien.INCONNU);
	}

	/** Marks a link used; false when a concurrent request used it first. */
	private boolean consommer(String jeton, OffsetDateTime now) {
		return this.jdbc
			.sql("update compte_jeton set utilise_le = :now where empreinte = :empreinte and utilise_le is null")
			.param("now", now)
			.param("empreinte", Jetons.empreinte(jeton))
			.update() == 1;
	}

	private void annulerLiens(String userId, Objet objet, OffsetDateTime now) {
		this.jdbc.sql(
				"update compte_jeton set utilise_le = :now where utilisateur = :id and objet = :objet and utilise_le is null")
			.param("now", now)
			.param("id", userId)
			.param("objet", objet.name())
			.update();
	}

	/** A validated sign-up; the e-mail is already normalised (lowercase). */
	public record Inscription(String email, String prenom, String nom, Profession profession, String motDePasse) {
	}

	/** The account as the "Mon compte" page shows it; no profession for agents. */
	public record Profil(String id, String prenom, String nom, String email, Profession profession) {
	}

	private record Lien(String utilisateur, OffsetDateTime expireLe, OffsetDateTime utiliseLe) {

		static final Lien INCONNU = new Lien(null, null, null);

		EtatLien etat(OffsetDateTime now) {
			if (this.utilisateur == null) {
				return EtatLien.INCONNU;
			}
			if (this.utiliseLe != null) {
				return EtatLien.UTILISE;
			}
			return this.expireLe.isAfter(now) ? EtatLien.VALIDE : EtatLien.EXPIRE;
		}

	}

}
