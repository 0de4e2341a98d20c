package fr.parcourscpts.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.stereotype.Component;

/**
 * Checks a login against the engine's identity store, so that one account serves the
 * portal, the Camunda webapps and the REST API. Camunda groups become {@code GROUP_<id>}
 * authorities and regions {@code REGION_<code>} authorities.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

	private final IdentityService identityService;

	private final ObjectProvider<LoginCheck> checks;

	CamundaIdentityAuthenticationProvider(IdentityService identityService, ObjectProvider<LoginCheck> checks) {
		this.identityService = identityService;
		this.checks = checks;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String userId = authentication.getName();
		// Porteurs log in with their e-mail address, which is their user id in lowercase.
		if (userId != null && userId.contains("@")) {
			userId = userId.trim().toLowerCase(Locale.ROOT);
		}
		Object credentials = authentication.getCredentials();
		if (userId == null || credentials == null
				|| !this.identityService.checkPassword(userId, credentials.toString())) {
			throw new BadCredentialsException("Identifiant ou mot de passe incorrect.");
		}
		for (LoginCheck check : this.checks.orderedStream().toList()) {
			check.check(userId);
		}
		return UsernamePasswordAuthenticationToken.authenticated(userId, null, authoritiesOf(userId));
	}

	private List<GrantedAuthority> authoritiesOf(String userId) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		this.identityService.createGroupQuery()
			.groupMember(userId)
			.list()
			.forEach((group) -> authorities.add(new SimpleGrantedAuthority("GROUP_" + group.getId())));
		this.identityService.createTenantQuery()
			.userMember(userId)
			.includingGroupsOfUser(true)
			.list()
			.forEach((tenant) -> authorities.add(new SimpleGrantedAuthority("REGION_" + tenant.getId())));
		return authorities;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
