package fr.parcourscpts.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestPlan;

/**
 * The abuse suite's tally: every test that replays an attack records it here with
 * {@link #attempt}, and the summary (attempts tried, refused, and anything allowed) is
 * printed when the test run ends, and written to {@code target/abuse-suite.txt}. A test
 * still asserts the refusal itself: the tally only makes the whole suite visible in the
 * build's output.
 */
public final class AbuseSuite implements TestExecutionListener {

	private record Attempt(String category, String description, boolean refused) {
	}

	private static final List<Attempt> attempts = new ArrayList<>();

	/**
	 * Records one attack and whether it was refused; returns {@code refused} so that a
	 * test can assert on the same value.
	 */
	public static synchronized boolean attempt(String category, String description, boolean refused) {
		attempts.add(new Attempt(category, description, refused));
		return refused;
	}

	@Override
	public void testPlanExecutionFinished(TestPlan testPlan) {
		String summary = summary();
		if (summary.isEmpty()) {
			return;
		}
		System.out.println(summary);
		try {
			Path target = Path.of("target");
			if (Files.isDirectory(target)) {
				Files.writeString(target.resolve("abuse-suite.txt"), summary, StandardCharsets.UTF_8);
			}
		}
		catch (IOException ex) {
			System.out.println("abuse suite: summary not written (" + ex.getMessage() + ")");
		}
	}

	static synchronized String summary() {
		if (attempts.isEmpty()) {
			return "";
		}
		Map<String, int[]> byCategory = new TreeMap<>();
		List<Attempt> allowed = new ArrayList<>();
		for (Attempt attempt : attempts) {
			int[] counts = byCategory.computeIfAbsent(attempt.category(), (key) -> new int[2]);
			counts[0]++;
			if (attempt.refused()) {
				counts[1]++;
			}
			else {
				allowed.add(attempt);
			}
		}
		StringBuilder out = new StringBuilder("== Abuse suite: ");
		out.append(attempts.size())
			.append(" attempts tried, ")
			.append(attempts.size() - allowed.size())
			.append(" refused, ")
			.append(allowed.size())
			.append(" allowed\n");
		byCategory.forEach((category, counts) -> out
			.append(String.format("   %-28s %4d tried %4d refused%n", category, counts[0], counts[1])));
		for (Attempt attempt : allowed) {
			out.append("   ALLOWED: [")
				.append(attempt.category())
				.append("] ")
				.append(attempt.description())
				.append('\n');
		}
		return out.toString();
	}

}
