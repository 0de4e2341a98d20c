package fr.parcourscpts.portail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * A real {@code clamd} (Debian's clamav-daemon) on a free local port, with a signature
 * database of our own: the MD5 of the EICAR file made by {@code sigtool}, and a body
 * signature of the EICAR string so that it is also found inside a PDF. No signature is
 * downloaded. Where clamd is absent the test is skipped with a visible message, unless
 * the environment says {@code PARCOURS_CLAMAV_TESTS=required} (as CI does): then the
 * absence is a failure.
 */
final class ClamdDaemon implements AutoCloseable {

	private static final List<Path> CLAMD = List.of(Path.of("/usr/sbin/clamd"), Path.of("/usr/bin/clamd"));

	private static final Path SIGTOOL = Path.of("/usr/bin/sigtool");

	private final Process process;

	private final int port;

	private final Path directory;

	private ClamdDaemon(Process process, int port, Path directory) {
		this.process = process;
		this.port = port;
		this.directory = directory;
	}

	/** Starts clamd and waits until it answers; skips or fails when it is absent. */
	static ClamdDaemon start() {
		Path clamd = CLAMD.stream().filter(Files::isExecutable).findFirst().orElse(null);
		boolean present = clamd != null && Files.isExecutable(SIGTOOL);
		String message = "clamd absent : test antivirus ignoré (apt-get install clamav-daemon)";
		if ("required".equals(System.getenv("PARCOURS_CLAMAV_TESTS"))) {
			Assertions.assertTrue(present, message + " — exigé ici par PARCOURS_CLAMAV_TESTS=required");
		}
		else {
			Assumptions.assumeTrue(present, message);
		}
		try {
			Path directory = Files.createTempDirectory("parcours-clamd");
			Path database = Files.createDirectories(directory.resolve("db"));
			Path eicar = Files.writeString(directory.resolve("eicar.txt"), PdfHostiles.EICAR,
					StandardCharsets.US_ASCII);
			Process sigtool = new ProcessBuilder(SIGTOOL.toString(), "--md5", eicar.toString())
				.redirectOutput(database.resolve("test.hdb").toFile())
				.redirectError(ProcessBuilder.Redirect.DISCARD)
				.start();
			Assertions.assertTrue(sigtool.waitFor(60, TimeUnit.SECONDS) && sigtool.exitValue() == 0,
					"sigtool --md5 a échoué");
			Files.writeString(database.resolve("test.ndb"), "Parcours.Test.EicarBody:0:*:"
					+ HexFormat.of().formatHex(PdfHostiles.EICAR.getBytes(StandardCharsets.US_ASCII)) + "\n");
			int port = freePort();
			Path conf = Files.writeString(directory.resolve("clamd.conf"), String.join("\n",
					"DatabaseDirectory " + database, "TCPSocket " + port, "TCPAddr 127.0.0.1", "Foreground yes", ""));
			Process process = new ProcessBuilder(clamd.toString(), "-c", conf.toString()).redirectErrorStream(true)
				.redirectOutput(directory.resolve("clamd.log").toFile())
				.start();
			ClamdDaemon daemon = new ClamdDaemon(process, port, directory);
			daemon.awaitPort();
			return daemon;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	int port() {
		return this.port;
	}

	private void awaitPort() throws IOException, InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("clamd s'est arrêté : "
						+ Files.readString(this.directory.resolve("clamd.log"), StandardCharsets.UTF_8));
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", this.port), 500);
				return;
			}
			catch (IOException notYet) {
				Thread.sleep(200);
			}
		}
		close();
		throw new IllegalStateException("clamd n'écoute pas sur le port " + this.port + " après 120 s");
	}

	/** A port nothing listens on (the moment it is returned). */
	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		try (var files = Files.walk(this.directory)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory left behind
		}
	}

}
