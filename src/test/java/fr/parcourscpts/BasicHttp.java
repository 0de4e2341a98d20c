package fr.parcourscpts;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Calls to the running application over real HTTP with Basic credentials, as a program
 * (curl, a porteur's software, the engine's REST clients) makes them: no session, no CSRF
 * token. The tests that need what MockMvc cannot show (the engine's Jersey servlet, the
 * error pages Tomcat renders, the headers on the wire) share it, so the Basic header is
 * written once.
 *
 * <pre>
 * BasicHttp http = BasicHttp.local(port);
 * http.call("POST", "/engine-rest/task").as("cpam.76").json("{}").send();
 * </pre>
 */
public final class BasicHttp {

	/** The password of every demo account. */
	public static final String DEMO = "demo";

	private final String root;

	private final HttpClient client;

	/**
	 * @param root the application's root, {@code http://localhost:8080}
	 * @param client the client that sends the calls (its cookies, its HTTP version)
	 */
	public BasicHttp(String root, HttpClient client) {
		this.root = root;
		this.client = client;
	}

	/** The application on this port of localhost, with a default client. */
	public static BasicHttp local(int port) {
		return local(port, HttpClient.newHttpClient());
	}

	/** The application on this port of localhost, with this client. */
	public static BasicHttp local(int port, HttpClient client) {
		return new BasicHttp("http://localhost:" + port, client);
	}

	/** The value of an {@code Authorization} header for these credentials. */
	public static String authorization(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** A GET of this path (below the root), anonymous until {@link Call#as}. */
	public Call get(String path) {
		return call("GET", path);
	}

	/**
	 * A call of this method on this path (below the root), anonymous until
	 * {@link Call#as}.
	 */
	public Call call(String method, String path) {
		return new Call(method, path);
	}

	/** One call being written; each setter returns it. */
	public final class Call {

		private final String method;

		private final HttpRequest.Builder request;

		private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

		private Call(String method, String path) {
			this.method = method;
			this.request = HttpRequest.newBuilder(URI.create(BasicHttp.this.root + path));
		}

		/** As this demo account; anonymous for a null user. */
		public Call as(String user) {
			return as(user, DEMO);
		}

		/** With these credentials; anonymous for a null user. */
		public Call as(String user, String password) {
			if (user != null) {
				this.request.header("Authorization", authorization(user, password));
			}
			return this;
		}

		public Call header(String name, String value) {
			this.request.header(name, value);
			return this;
		}

		public Call accept(String mediaTypes) {
			return header("Accept", mediaTypes);
		}

		public Call timeout(Duration timeout) {
			this.request.timeout(timeout);
			return this;
		}

		/**
		 * This body, as it is, with its content type; a null content type sends no
		 * {@code Content-Type} header, a null body sends none.
		 */
		public Call body(String contentType, String body) {
			if (contentType != null) {
				header("Content-Type", contentType);
			}
			this.body = (body != null) ? HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)
					: HttpRequest.BodyPublishers.noBody();
			return this;
		}

		public Call json(String json) {
			return body("application/json", json);
		}

		public Call form(String urlEncoded) {
			return body("application/x-www-form-urlencoded", urlEncoded);
		}

		/** Sends the call and reads the answer as text. */
		public HttpResponse<String> send() throws IOException, InterruptedException {
			return send(HttpResponse.BodyHandlers.ofString());
		}

		/** Sends the call and reads the answer with this handler. */
		public <T> HttpResponse<T> send(HttpResponse.BodyHandler<T> answer) throws IOException, InterruptedException {
			this.request.method(this.method, this.body);
			return BasicHttp.this.client.send(this.request.build(), answer);
		}

	}

}
