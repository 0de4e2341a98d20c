package fr.parcourscpts.portail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * ClamAV's {@code clamd} over TCP ({@code INSTREAM}), when
 * {@code parcours.antivirus.host} is set; without a host, files are not scanned
 * (development, tests). Configured, it fails closed: a daemon that cannot be reached,
 * times out or answers an error makes the file refused, never stored unscanned.
 * <p>
 * A client of our own (about a hundred lines of the documented protocol) rather than
 * {@code xyz.capybara:clamav-client}: that one opens its sockets without connect or read
 * timeouts, so a daemon that hangs would hang the porteur's request with it, and it
 * brings the Kotlin runtime.
 */
@Component
class Antivirus {

	/** What the daemon said about a file. */
	sealed interface Verdict {

		/** Nothing found. */
		record Clean() implements Verdict {
		}

		/** A signature matched. */
		record Infected(String signature) implements Verdict {
		}

		/** No answer that can be trusted: the file is refused all the same. */
		record Unavailable(String reason) implements Verdict {
		}

	}

	private static final Logger log = LoggerFactory.getLogger(Antivirus.class);

	/** Chunks well under clamd's StreamMaxLength. */
	private static final int CHUNK = 64 * 1024;

	/** A clamd answer is one short line; more is not clamd. */
	private static final int MAX_ANSWER = 4096;

	private final String host;

	private final int port;

	private final Duration timeout;

	Antivirus(@Value("${parcours.antivirus.host:}") String host, @Value("${parcours.antivirus.port:3310}") int port,
			@Value("${parcours.antivirus.timeout:30s}") Duration timeout) {
		this.host = (host != null) ? host.strip() : "";
		this.port = port;
		this.timeout = timeout;
	}

	/** Whether files are scanned at all. */
	boolean enabled() {
		return !this.host.isEmpty();
	}

	/** Sends the file to clamd; {@link Verdict.Clean} when no host is configured. */
	Verdict scan(byte[] bytes) {
		if (!enabled()) {
			return new Verdict.Clean();
		}
		int millis = (int) Math.min(Integer.MAX_VALUE, this.timeout.toMillis());
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(this.host, this.port), millis);
			socket.setSoTimeout(millis);
			OutputStream out = socket.getOutputStream();
			out.write("zINSTREAM\0".getBytes(StandardCharsets.US_ASCII));
			for (int offset = 0; offset < bytes.length; offset += CHUNK) {
				int length = Math.min(CHUNK, bytes.length - offset);
				out.write(ByteBuffer.allocate(4).putInt(length).array());
				out.write(bytes, offset, length);
			}
			out.write(new byte[4]);
			out.flush();
			return verdict(answer(socket.getInputStream()));
		}
		catch (IOException | IllegalArgumentException ex) {
			log.warn("Antivirus {}:{} unavailable: {}", this.host, this.port, ex.toString());
			return new Verdict.Unavailable(ex.toString());
		}
	}

	private static String answer(InputStream in) throws IOException {
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		int b;
		while ((b = in.read()) > 0 && answer.size() < MAX_ANSWER) {
			answer.write(b);
		}
		return answer.toString(StandardCharsets.US_ASCII).strip();
	}

	/** {@code stream: OK}, {@code stream: <signature> FOUND}, or an error. */
	static Verdict verdict(String answer) {
		if (answer.equals("stream: OK")) {
			return new Verdict.Clean();
		}
		if (answer.startsWith("stream: ") && answer.endsWith(" FOUND")) {
			return new Verdict.Infected(answer.substring(8, answer.length() - 6));
		}
		log.warn("Antivirus: unexpected answer \"{}\"", answer);
		return new Verdict.Unavailable(answer);
	}

}
