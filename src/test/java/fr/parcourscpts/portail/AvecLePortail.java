package fr.parcourscpts.portail;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.context.WebApplicationContext;

/**
 * What a test that goes through the pages shares (of the one context of
 * {@code ApplicationTest}): MockMvc on the whole application behind its security, the
 * database to read what the pages wrote and the engine to move the dossiers along. Its
 * {@code @BeforeEach} runs before the test class's own, so {@link #mvc} is ready there.
 */
public abstract class AvecLePortail {

	@Autowired
	protected WebApplicationContext context;

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected ProcessEngine engine;

	protected MockMvc mvc;

	@BeforeEach
	void mockMvc() {
		this.mvc = PortailFixtures.mvc(this.context);
	}

}
