package fr.parcourscpts.identity;

import java.util.ArrayList;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.ContainerBasedAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The engine REST API's authentication: the user Spring Security authenticated, with the
 * groups and regions (tenants) it has just read for that user
 * ({@link CamundaIdentityAuthenticationProvider}: {@code GROUP_} and {@code REGION_}
 * authorities, the same queries as the engine's). Camunda's container-based provider
 * returns the user alone, and its filter then queries the groups and the tenants a second
 * time on every request (issue 12, P2). Public: the filter instantiates it by name.
 */
public class SpringAuthoritiesAuthenticationProvider extends ContainerBasedAuthenticationProvider {

	static final String GROUP = "GROUP_";

	static final String REGION = "REGION_";

	@Override
	public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
		AuthenticationResult result = super.extractAuthenticatedUser(request, engine);
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (!result.isAuthenticated() || authentication == null
				|| !result.getAuthenticatedUser().equals(authentication.getName())) {
			return result;
		}
		List<String> groups = new ArrayList<>();
		List<String> tenants = new ArrayList<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			String name = authority.getAuthority();
			if (name.startsWith(GROUP)) {
				groups.add(name.substring(GROUP.length()));
			}
			else if (name.startsWith(REGION)) {
				tenants.add(name.substring(REGION.length()));
			}
		}
		result.setGroups(groups);
		result.setTenants(tenants);
		return result;
	}

}
