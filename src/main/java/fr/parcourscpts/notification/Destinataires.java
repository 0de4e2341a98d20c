package fr.parcourscpts.notification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import fr.parcourscpts.dossier.DossierMembers;
import fr.parcourscpts.dossier.Dossiers;
import fr.parcourscpts.dossier.Dossiers.Dossier;

/**
 * Who "porteur" or a group id means for a dossier: the members of the dossier, or the
 * users of that group <em>and</em> of the dossier's region (never another region's), with
 * the e-mail address of their Camunda user record (or their id when it is an address).
 */
@Component
class Destinataires {

	private static final Logger logger = LoggerFactory.getLogger(Destinataires.class);

	/** A person to tell. */
	record Destinataire(String userId, String email, boolean agent) {
	}

	private final Dossiers dossiers;

	private final DossierMembers members;

	private final IdentityService identity;

	Destinataires(Dossiers dossiers, DossierMembers members, IdentityService identity) {
		this.dossiers = dossiers;
		this.members = members;
		this.identity = identity;
	}

	Optional<Dossier> dossier(String reference) {
		return this.dossiers.byReference(reference);
	}

	/**
	 * The porteurs of the dossier; without a dossier row (a process started outside the
	 * portal), the process's {@code porteur}.
	 */
	List<Destinataire> porteurs(Optional<Dossier> dossier, Object porteurVariable) {
		List<String> userIds = dossier.map((d) -> this.members.membersOf(d.id())).orElse(List.of());
		if (userIds.isEmpty() && porteurVariable != null) {
			userIds = List.of(porteurVariable.toString());
		}
		Map<String, Destinataire> found = new LinkedHashMap<>();
		for (String userId : userIds) {
			String email = emailOf(userId);
			if (email == null) {
				logger.warn("Porteur {} sans adresse électronique : non prévenu", userId);
				continue;
			}
			found.putIfAbsent(email, new Destinataire(userId, email, false));
		}
		return new ArrayList<>(found.values());
	}

	/** The users of the group in the region; nobody without a region. */
	List<Destinataire> agents(String groupId, String region) {
		if (region == null || region.isBlank()) {
			return List.of();
		}
		List<User> users = withoutAuthorizationCheck(() -> this.identity.createUserQuery()
			.memberOfGroup(groupId)
			.memberOfTenant(region)
			.orderByUserId()
			.asc()
			.list());
		List<Destinataire> agents = new ArrayList<>();
		for (User user : users) {
			if (user.getEmail() == null || user.getEmail().isBlank()) {
				logger.warn("Agent {} sans adresse électronique : non prévenu", user.getId());
				continue;
			}
			agents.add(new Destinataire(user.getId(), user.getEmail(), true));
		}
		return agents;
	}

	private String emailOf(String userId) {
		User user = withoutAuthorizationCheck(() -> this.identity.createUserQuery().userId(userId).singleResult());
		if (user != null && user.getEmail() != null && !user.getEmail().isBlank()) {
			return user.getEmail();
		}
		return userId.contains("@") ? userId : null;
	}

	/**
	 * Inside a process step the engine checks the authorizations of whoever completed the
	 * task (a porteur may not read the user records); telling people is the service's own
	 * business, not the caller's.
	 */
	private static <T> T withoutAuthorizationCheck(Supplier<T> query) {
		CommandContext context = Context.getCommandContext();
		if (context == null || !context.isAuthorizationCheckEnabled()) {
			return query.get();
		}
		context.disableAuthorizationCheck();
		try {
			return query.get();
		}
		finally {
			context.enableAuthorizationCheck();
		}
	}

}
