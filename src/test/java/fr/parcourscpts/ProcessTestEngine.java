package fr.parcourscpts;

/**
 * The standalone in-memory engine of the process tests ({@code *ProcessTest}).
 *
 * Its configuration is deliberately not named {@code camunda.cfg.xml}: the Camunda
 * webapps look engines up with {@code ProcessEngines.getProcessEngine(name)}, whose first
 * call scans the classpath for {@code camunda.cfg.xml} and builds every engine it finds.
 * In the application tests that built a second engine inside the first Tasklist request
 * after startup, which on a loaded machine took longer than Tasklist's module loader
 * waits: Tasklist then stayed on its loading spinner (seen in EspaceAgentsBrowserTest).
 */
public final class ProcessTestEngine {

	/** The classpath resource of the process tests' engine configuration. */
	public static final String CONFIGURATION = "process-tests.cfg.xml";

	private ProcessTestEngine() {
	}

}
