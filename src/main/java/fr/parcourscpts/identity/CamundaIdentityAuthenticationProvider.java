package fr.parcourscpts.identity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.camunda.bpm.engine.IdentityService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

import fr.parcourscpts.ratelimit.ClientAddress;

/**
 * Checks a login against the engine's identity store, so that one account serves the
 * portal, the Camunda webapps and the REST API. Camunda groups become {@code GROUP_<id>}
 * authorities and regions {@code REGION_<code>} authorities. Form login and HTTP Basic
 * both come here, so both are throttled by {@link LoginThrottle}: a blocked account and
 * address pair is refused before its password is checked, even a password verified a
 * moment ago.
 * <p>
 * A login verified in the last seconds ({@link VerifiedCredentials}) is accepted with the
 * authorities read then, without reading the identity store again: REST clients send
 * their credentials on every call. Only the same password is accepted so; a wrong one
 * drops the entry and goes through the full check, where the throttle counts it.
 */
@Component
class CamundaIdentityAuthenticationProvider implements AuthenticationProvider {

	private final IdentityService identityService;

	private final ObjectProvider<LoginCheck> checks;

	private final LoginThrottle throttle;

	private final VerifiedCredentials verified;

	CamundaIdentityAuthenticationProvider(IdentityService identityService, ObjectProvider<LoginCheck> checks,
			LoginThrottle throttle, VerifiedCredentials verified) {
		this.identityService = identityService;
		this.checks = checks;
		this.throttle = throttle;
		this.verified = verified;
	}

	@Override
	public Authentication authenticate(Authentication authentication) throws AuthenticationException {
		String userId = authentication.getName();
		// Porteurs log in with their e-mail address, which is their user id in lowercase.
		if (userId != null && userId.contains("@")) {
			userId = userId.trim().toLowerCase(Locale.ROOT);
		}
		Object credentials = authentication.getCredentials();
		if (userId == null || userId.isEmpty() || credentials == null) {
			throw new BadCredentialsException("Identifiant ou mot de passe incorrect.");
		}
		String address = clientAddress(authentication);
		Optional<Duration> refusal = this.throttle.refusal(userId, address);
		if (refusal.isPresent()) {
			throw new LoginThrottledException(refusal.get());
		}
		String password = credentials.toString();
		Optional<List<GrantedAuthority>> known = this.verified.authoritiesIfVerified(userId, password);
		if (known.isPresent()) {
			// The throttle's reset of this address was done by the verification; any
			// failure since dropped the entry, so there is nothing to reset.
			return UsernamePasswordAuthenticationToken.authenticated(userId, null, known.get());
		}
		long ticket = this.verified.ticket();
		if (!this.identityService.checkPassword(userId, password)) {
			this.verified.forget(userId);
			Optional<Duration> block = this.throttle.failed(userId, address);
			if (block.isPresent()) {
				throw new LoginThrottledException(block.get());
			}
			throw new BadCredentialsException("Identifiant ou mot de passe incorrect.");
		}
		this.throttle.succeeded(userId, address);
		for (LoginCheck check : this.checks.orderedStream().toList()) {
			check.check(userId);
		}
		List<GrantedAuthority> authorities = authoritiesOf(userId);
		this.verified.remember(userId, password, authorities, ticket);
		return UsernamePasswordAuthenticationToken.authenticated(userId, null, authorities);
	}

	/**
	 * The address the request came from, as the servlet container sees it: behind a
	 * reverse proxy, {@code server.forward-headers-strategy} must be set, or every client
	 * would share the proxy's address (see README).
	 */
	private static String clientAddress(Authentication authentication) {
		if (authentication.getDetails() instanceof WebAuthenticationDetails details) {
			return ClientAddress.of(details.getRemoteAddress());
		}
		return ClientAddress.of(null);
	}

	private List<GrantedAuthority> authoritiesOf(String userId) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		this.identityService.createGroupQuery()
			.groupMember(userId)
			.list()
			.forEach((group) -> authorities
				.add(new SimpleGrantedAuthority(SpringAuthoritiesAuthenticationProvider.GROUP + group.getId())));
		this.identityService.createTenantQuery()
			.userMember(userId)
			.includingGroupsOfUser(true)
			.list()
			.forEach((tenant) -> authorities
				.add(new SimpleGrantedAuthority(SpringAuthoritiesAuthenticationProvider.REGION + tenant.getId())));
		return authorities;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
