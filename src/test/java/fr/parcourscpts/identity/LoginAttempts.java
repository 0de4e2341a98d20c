package fr.parcourscpts.identity;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.web.context.WebApplicationContext;

/**
 * Logins from chosen client addresses (the test server itself only sees 127.0.0.1): the
 * requests go through the application's security filters, as from a browser or a REST
 * client at that address. Each test uses accounts of its own.
 */
final class LoginAttempts {

	static final String PASSWORD = "le-bon-mot-de-passe";

	private static final AtomicInteger NUMBER = new AtomicInteger();

	private final MockMvc mvc;

	LoginAttempts(WebApplicationContext context) {
		this.mvc = MockMvcBuilders.webAppContextSetup(context)
			.apply(SecurityMockMvcConfigurers.springSecurity())
			.build();
	}

	/** A new agent account (no group), unique in the test run. */
	static String newAccount(IdentityService identity, String name) {
		String id = name + "." + System.currentTimeMillis() % 100000 + "-" + NUMBER.incrementAndGet();
		User user = identity.newUser(id);
		user.setFirstName(name);
		user.setLastName("Test");
		user.setPassword(PASSWORD);
		identity.saveUser(user);
		return id;
	}

	/** The form login; returns where it sends the browser. */
	String formLogin(String address, String user, String password) throws Exception {
		MockHttpServletResponse response = this.mvc.perform(
				post("/connexion").param("username", user).param("password", password).with(csrf()).with(from(address)))
			.andReturn()
			.getResponse();
		return response.getRedirectedUrl();
	}

	/** A call to the engine's REST API with HTTP Basic credentials. */
	MockHttpServletResponse restCall(String address, String user, String password) throws Exception {
		return this.mvc.perform(get("/engine-rest/task").with(httpBasic(user, password)).with(from(address)))
			.andReturn()
			.getResponse();
	}

	/** The login page as a browser shows it. */
	String loginPage(String pathAndQuery) throws Exception {
		return this.mvc.perform(get(pathAndQuery)).andReturn().getResponse().getContentAsString();
	}

	static RequestPostProcessor from(String address) {
		return (request) -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
