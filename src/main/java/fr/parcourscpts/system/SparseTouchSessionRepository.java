package fr.parcourscpts.system;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * The sessions of Spring Session JDBC, without a write on every request. Spring Session
 * records the last access time of a session at each request it serves, which its JDBC
 * store turns into an {@code update SPRING_SESSION} and a commit for every page view
 * (issue 12, P4). Here a request moves the recorded time only when it is at least
 * {@code step} (60 s) later than the one read: a session then expires at most
 * {@code step} before its timeout counted from the very last request, instead of exactly
 * at it. Anything else the request changes (a login, a CSRF token, an attribute of the
 * Camunda webapps, a new id) is written as before, and the session stays in the database,
 * so any node serves it.
 */
final class SparseTouchSessionRepository<S extends Session>
		implements SessionRepository<SparseTouchSessionRepository.SparseTouchSession<S>> {

	private final SessionRepository<S> delegate;

	private final Duration step;

	SparseTouchSessionRepository(SessionRepository<S> delegate, Duration step) {
		this.delegate = delegate;
		this.step = step;
	}

	@Override
	public SparseTouchSession<S> createSession() {
		return new SparseTouchSession<>(this.delegate.createSession(), Duration.ZERO);
	}

	@Override
	public void save(SparseTouchSession<S> session) {
		this.delegate.save(session.stored);
	}

	@Override
	public SparseTouchSession<S> findById(String id) {
		S session = this.delegate.findById(id);
		return (session != null) ? new SparseTouchSession<>(session, this.step) : null;
	}

	@Override
	public void deleteById(String id) {
		this.delegate.deleteById(id);
	}

	/** The stored session, whose last access time moves by steps. */
	static final class SparseTouchSession<S extends Session> implements Session {

		private final S stored;

		private final Duration step;

		private SparseTouchSession(S stored, Duration step) {
			this.stored = stored;
			this.step = step;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			Instant recorded = this.stored.getLastAccessedTime();
			if (!lastAccessedTime.isBefore(recorded.plus(this.step)) || lastAccessedTime.isBefore(recorded)) {
				this.stored.setLastAccessedTime(lastAccessedTime);
			}
		}

		@Override
		public Instant getLastAccessedTime() {
			return this.stored.getLastAccessedTime();
		}

		@Override
		public String getId() {
			return this.stored.getId();
		}

		@Override
		public String changeSessionId() {
			return this.stored.changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return this.stored.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return this.stored.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			this.stored.setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			this.stored.removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return this.stored.getCreationTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			this.stored.setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return this.stored.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return this.stored.isExpired();
		}

	}

}
