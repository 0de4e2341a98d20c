package fr.parcourscpts.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The clock of the tests' one context: the time of the system moved forward by the tests
 * (a delay passes without waiting for it). A test bean picked up by the one application
 * context, primary over any other clock; a test that moves it resets it.
 */
@Component
@Primary
public class SettableClock extends Clock {

	private final Clock system = Clock.system(ZoneId.of("Europe/Paris"));

	private volatile Duration offset = Duration.ZERO;

	/** Moves the time forward. */
	public void advance(Duration duration) {
		this.offset = this.offset.plus(duration);
	}

	/** Back to the time of the system. */
	public void reset() {
		this.offset = Duration.ZERO;
	}

	@Override
	public ZoneId getZone() {
		return this.system.getZone();
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.offset(this.system.withZone(zone), this.offset);
	}

	@Override
	public Instant instant() {
		return this.system.instant().plus(this.offset);
	}

}
