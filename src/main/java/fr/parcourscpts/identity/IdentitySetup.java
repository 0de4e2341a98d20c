package fr.parcourscpts.identity;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GLOBAL;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates, idempotently at every start, what every environment needs: one group per
 * institution, one tenant per region, the authorizations of each group, the Tasklist
 * filters and the national administrator (when a password is configured).
 *
 * <p>
 * Agents get no permission on tasks here: the engine grants a candidate group READ and
 * UPDATE on each task it is a candidate of, and the tenant check keeps every agent to
 * their region.
 */
@Component
@Order(IdentitySetup.ORDER)
class IdentitySetup implements ApplicationRunner {

	static final int ORDER = 0;

	static final String FILTER_MY_INSTITUTION = "Tâches de mon institution";

	static final String FILTER_MINE = "Mes tâches";

	private static final Logger logger = LoggerFactory.getLogger(IdentitySetup.class);

	private final IdentityService identityService;

	private final AuthorizationService authorizationService;

	private final FilterService filterService;

	private final TaskService taskService;

	private final String adminUser;

	private final String adminPassword;

	IdentitySetup(IdentityService identityService, AuthorizationService authorizationService,
			FilterService filterService, TaskService taskService, @Value("${parcours.admin.user}") String adminUser,
			@Value("${parcours.admin.password:}") String adminPassword) {
		this.identityService = identityService;
		this.authorizationService = authorizationService;
		this.filterService = filterService;
		this.taskService = taskService;
		this.adminUser = adminUser;
		this.adminPassword = adminPassword;
	}

	@Override
	public void run(ApplicationArguments args) {
		createInstitutionGroups();
		createRegionTenants();
		grantInstitutionPermissions();
		createTaskFilters();
		createNationalAdministrator();
	}

	private void createInstitutionGroups() {
		for (Institution institution : Institution.values()) {
			if (this.identityService.createGroupQuery().groupId(institution.groupId()).count() == 0) {
				Group group = this.identityService.newGroup(institution.groupId());
				group.setName(institution.label());
				group.setType(institution.isAgent() ? "WORKFLOW" : "SYSTEM");
				this.identityService.saveGroup(group);
			}
		}
		if (this.identityService.createGroupQuery().groupId(Groups.CAMUNDA_ADMIN).count() == 0) {
			Group admins = this.identityService.newGroup(Groups.CAMUNDA_ADMIN);
			admins.setName("Administrateurs nationaux");
			admins.setType(Groups.GROUP_TYPE_SYSTEM);
			this.identityService.saveGroup(admins);
		}
	}

	private void createRegionTenants() {
		for (Region region : Region.values()) {
			if (this.identityService.createTenantQuery().tenantId(region.code()).count() == 0) {
				Tenant tenant = this.identityService.newTenant(region.code());
				tenant.setName(region.label());
				this.identityService.saveTenant(tenant);
			}
		}
	}

	/** The processes whose instances and tasks agents and administrators work on. */
	static final List<String> PROCESSES = List.of("cpts-creation", "contrat-aci", "evaluation-annuelle");

	/** The decisions an administrator may read in Cockpit. */
	static final List<String> DECISIONS = List.of("consolidation-avis-urps", "financement-cpts", "paiement-annuel",
			"taille-cpts", "parcours-regional", "structure-accompagnement", "contact-cpam");

	private void grantInstitutionPermissions() {
		// The engine lets camunda-admin run any command, but its queries still read the
		// authorization rows: like Camunda's own first-admin setup, grant it everything.
		for (Resource resource : Resources.values()) {
			grant(Groups.CAMUNDA_ADMIN, resource, ANY, Permissions.ALL);
		}
		revokeWildcardGrants();
		for (Institution institution : Institution.values()) {
			String group = institution.groupId();
			if (institution.isAgent()) {
				// What Tasklist needs: the models (their names, the forms of their
				// deployments). Each task is granted to its candidate group by the
				// engine,
				// and the tenant check keeps the agent to their region. No directory of
				// users or groups: each user reads their own profile and each member
				// their own group (the engine's default grants).
				grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
				for (String process : PROCESSES) {
					grant(group, Resources.PROCESS_DEFINITION, process, Permissions.READ);
				}
				grant(group, Resources.DEPLOYMENT, ANY, Permissions.READ);
			}
			if (institution.kind() == Institution.Kind.ADMINISTRATOR) {
				// Cockpit over the dossiers of their region (the tenant check does the
				// confining): read everything of the three processes, and UPDATE_INSTANCE
				// for retrying an incident's job — the engine's guard refuses every other
				// change. Nothing of the identity store.
				grant(group, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
				grant(group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
				for (String process : PROCESSES) {
					for (Permission permission : new Permission[] { Permissions.READ, Permissions.READ_INSTANCE,
							Permissions.READ_HISTORY, Permissions.READ_TASK, Permissions.UPDATE_INSTANCE }) {
						grant(group, Resources.PROCESS_DEFINITION, process, permission);
					}
				}
				for (String decision : DECISIONS) {
					grant(group, Resources.DECISION_DEFINITION, decision, Permissions.READ);
					grant(group, Resources.DECISION_DEFINITION, decision, Permissions.READ_HISTORY);
				}
				grant(group, Resources.DEPLOYMENT, ANY, Permissions.READ);
			}
		}
	}

	/**
	 * Earlier versions granted agents and administrators wildcard permissions (every
	 * user, every group, every process instance...): remove them from an existing
	 * database. The deployments stay readable to all (the models and forms, no dossier
	 * data).
	 */
	private void revokeWildcardGrants() {
		for (Institution institution : Institution.values()) {
			for (Authorization authorization : this.authorizationService.createAuthorizationQuery()
				.groupIdIn(institution.groupId())
				.list()) {
				if (ANY.equals(authorization.getResourceId())
						&& authorization.getResourceType() != Resources.DEPLOYMENT.resourceType()
						&& authorization.getResourceType() != Resources.APPLICATION.resourceType()) {
					this.authorizationService.deleteAuthorization(authorization.getId());
					logger.info("Revoked the wildcard authorization of {} on resource type {}", institution.groupId(),
							authorization.getResourceType());
				}
			}
		}
	}

	private void grant(String groupId, Resource resource, String resourceId, Permission permission) {
		Authorization existing = this.authorizationService.createAuthorizationQuery()
			.groupIdIn(groupId)
			.resourceType(resource)
			.resourceId(resourceId)
			.singleResult();
		Authorization authorization = (existing != null) ? existing
				: this.authorizationService.createNewAuthorization(AUTH_TYPE_GRANT);
		if (existing != null && existing.isPermissionGranted(permission)) {
			return;
		}
		authorization.setGroupId(groupId);
		authorization.setResource(resource);
		authorization.setResourceId(resourceId);
		authorization.addPermission(permission);
		this.authorizationService.saveAuthorization(authorization);
	}

	private void createTaskFilters() {
		createFilter(FILTER_MY_INSTITUTION, -10, "Les tâches qui attendent mon institution, dans ma région",
				this.taskService.createTaskQuery()
					.taskCandidateGroupInExpression("${currentUserGroups()}")
					.includeAssignedTasks());
		createFilter(FILTER_MINE, -5, "Les tâches que j'ai prises",
				this.taskService.createTaskQuery().taskAssigneeExpression("${currentUser()}"));
	}

	private void createFilter(String name, int priority, String description,
			org.camunda.bpm.engine.task.TaskQuery query) {
		List<Filter> existing = this.filterService.createFilterQuery().filterName(name).list();
		if (!existing.isEmpty()) {
			existing.forEach(this::showDossierInTaskList);
			return;
		}
		Filter filter = this.filterService.newTaskFilter(name)
			.setProperties(Map.of("priority", priority, "description", description, "refresh", true, "variables",
					TaskListVariables.IN_FILTERS))
			.setQuery(query);
		this.filterService.saveFilter(filter);
		// Every user may read the filter; what it lists is still subject to their
		// authorizations.
		Authorization globalRead = this.authorizationService.createNewAuthorization(AUTH_TYPE_GLOBAL);
		globalRead.setResource(Resources.FILTER);
		globalRead.setResourceId(filter.getId());
		globalRead.addPermission(Permissions.READ);
		this.authorizationService.saveAuthorization(globalRead);
	}

	/**
	 * Filters created before the list showed the dossier get its variables (the due date,
	 * the legal deadline, Tasklist shows itself); variables an administrator chose in
	 * Tasklist are left as they are.
	 */
	private void showDossierInTaskList(Filter filter) {
		Map<String, Object> properties = (filter.getProperties() != null) ? filter.getProperties() : Map.of();
		if (properties.containsKey("variables")) {
			return;
		}
		Map<String, Object> withVariables = new HashMap<>(properties);
		withVariables.put("variables", TaskListVariables.IN_FILTERS);
		filter.setProperties(withVariables);
		this.filterService.saveFilter(filter);
	}

	private void createNationalAdministrator() {
		if (this.adminPassword == null || this.adminPassword.isBlank()) {
			logger.info("No PARCOURS_ADMIN_PASSWORD given: no national administrator account created");
			return;
		}
		if (this.identityService.createUserQuery().userId(this.adminUser).count() == 0) {
			User user = this.identityService.newUser(this.adminUser);
			user.setFirstName("Administration");
			user.setLastName("nationale");
			user.setPassword(this.adminPassword);
			this.identityService.saveUser(user);
			this.identityService.createMembership(this.adminUser, Groups.CAMUNDA_ADMIN);
			logger.info("National administrator '{}' created", this.adminUser);
		}
	}

}
