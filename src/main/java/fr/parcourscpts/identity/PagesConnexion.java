package fr.parcourscpts.identity;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * What the layout of every page asks about the user ({@code @pagesConnexion} in the
 * templates, with {@code #authentication}): the same answers as Spring Security's
 * {@code isAuthenticated()} and {@code hasAuthority('GROUP_porteurs')}, without
 * {@code sec:authorize}, which looked the expression handler up in the context, parsed
 * its expression and built an evaluation context three times per page (docs/scale.md,
 * P4). Only what is shown depends on it; every URL keeps its rule in
 * {@link SecurityConfiguration}.
 */
@Component("pagesConnexion")
class PagesConnexion {

	private static final String PORTEUR = "GROUP_" + Institution.PORTEURS.groupId();

	private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();

	/** Spring Security's {@code isAuthenticated()}: logged in, not anonymous. */
	public boolean connecte(Authentication authentication) {
		return authentication != null && authentication.isAuthenticated() && !this.trust.isAnonymous(authentication);
	}

	/** {@code hasAuthority('GROUP_porteurs')}. */
	public boolean porteur(Authentication authentication) {
		return authentication != null
				&& authentication.getAuthorities().stream().anyMatch((group) -> PORTEUR.equals(group.getAuthority()));
	}

}
