package fr.parcourscpts.ratelimit;

import java.time.Duration;

/**
 * A rate limit: after {@code threshold} events within {@code window}, the subject is
 * blocked for {@code firstDelay}, then twice as long at each new block, never longer than
 * {@code maxDelay}. A subject quiet for a whole window after its last event or block is
 * forgotten (its delays start again from the first one).
 *
 * @param name the rule's name, stored with its counters (at most 40 characters)
 * @param threshold the number of events that triggers a block
 * @param window the period in which the events are counted
 * @param firstDelay the duration of the first block
 * @param maxDelay the longest block
 */
public record RateLimitRule(String name, int threshold, Duration window, Duration firstDelay, Duration maxDelay) {

	public RateLimitRule {
		if (name == null || name.isBlank() || name.length() > 40) {
			throw new IllegalArgumentException("A rule needs a name of at most 40 characters");
		}
		if (threshold < 1) {
			throw new IllegalArgumentException("The threshold of rule " + name + " must be at least 1");
		}
		if (window.isNegative() || window.isZero() || firstDelay.isNegative() || maxDelay.compareTo(firstDelay) < 0) {
			throw new IllegalArgumentException("The window and delays of rule " + name + " are not consistent");
		}
	}

	/**
	 * A quota: at most {@code max} events per {@code window}, then blocked for a window.
	 */
	public static RateLimitRule quota(String name, int max, Duration window) {
		return new RateLimitRule(name, max, window, window, window);
	}

	Duration delay(int previousBlocks) {
		Duration delay = this.firstDelay;
		for (int i = 0; i < previousBlocks && delay.compareTo(this.maxDelay) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		return (delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay;
	}

}
