package fr.parcourscpts.identity;

import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.IdentityOperationResult;
import org.camunda.bpm.engine.impl.identity.db.DbIdentityServiceProvider;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.UserEntity;

/**
 * The engine's identity store, which drops the verified logins
 * ({@link VerifiedCredentials}) of the users it changes. Every write goes through it,
 * whoever makes it: the service's own code (sign-up, password change and reset, the
 * porteurs' group), the Camunda Admin webapp and {@code /engine-rest/user}, since all use
 * the engine's {@code IdentityService}. A change written to the {@code ACT_ID_*} tables
 * by SQL, past the engine, is not seen: it takes effect when the entry expires.
 * <p>
 * The entry is dropped at once and again when the transaction commits: a login verified
 * between the two against the old row (not yet replaced for other connections) is not
 * kept either.
 */
class EvictingIdentityProvider extends DbIdentityServiceProvider {

	private final VerifiedCredentials credentials;

	EvictingIdentityProvider(VerifiedCredentials credentials) {
		this.credentials = credentials;
	}

	@Override
	public IdentityOperationResult saveUser(User user) {
		forget(user.getId());
		return super.saveUser(user);
	}

	@Override
	public IdentityOperationResult deleteUser(String userId) {
		forget(userId);
		return super.deleteUser(userId);
	}

	/** Each wrong password of the engine's lockout, and the lock itself. */
	@Override
	protected void lockUser(UserEntity user) {
		forget(user.getId());
		super.lockUser(user);
	}

	@Override
	public IdentityOperationResult createMembership(String userId, String groupId) {
		forget(userId);
		return super.createMembership(userId, groupId);
	}

	@Override
	public IdentityOperationResult deleteMembership(String userId, String groupId) {
		forget(userId);
		return super.deleteMembership(userId, groupId);
	}

	@Override
	public IdentityOperationResult createTenantUserMembership(String tenantId, String userId) {
		forget(userId);
		return super.createTenantUserMembership(tenantId, userId);
	}

	@Override
	public IdentityOperationResult deleteTenantUserMembership(String tenantId, String userId) {
		forget(userId);
		return super.deleteTenantUserMembership(tenantId, userId);
	}

	@Override
	public IdentityOperationResult createTenantGroupMembership(String tenantId, String groupId) {
		forgetAll();
		return super.createTenantGroupMembership(tenantId, groupId);
	}

	@Override
	public IdentityOperationResult deleteTenantGroupMembership(String tenantId, String groupId) {
		forgetAll();
		return super.deleteTenantGroupMembership(tenantId, groupId);
	}

	@Override
	public IdentityOperationResult saveGroup(Group group) {
		forgetAll();
		return super.saveGroup(group);
	}

	@Override
	public IdentityOperationResult deleteGroup(String groupId) {
		forgetAll();
		return super.deleteGroup(groupId);
	}

	@Override
	public IdentityOperationResult deleteTenant(String tenantId) {
		forgetAll();
		return super.deleteTenant(tenantId);
	}

	private void forget(String userId) {
		this.credentials.forget(userId);
		afterCommit((context) -> this.credentials.forget(userId));
	}

	private void forgetAll() {
		this.credentials.forgetAll();
		afterCommit((context) -> this.credentials.forgetAll());
	}

	private static void afterCommit(org.camunda.bpm.engine.impl.cfg.TransactionListener listener) {
		CommandContext context = Context.getCommandContext();
		if (context != null) {
			context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, listener);
		}
	}

	/**
	 * Registered by {@link VerifiedCredentialsConfiguration} in place of the engine's.
	 */
	record Factory(VerifiedCredentials credentials) implements SessionFactory {

		@Override
		public Class<?> getSessionType() {
			return EvictingIdentityProvider.class;
		}

		@Override
		public Session openSession() {
			return new EvictingIdentityProvider(this.credentials);
		}

	}

}
