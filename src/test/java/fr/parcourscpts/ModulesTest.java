package fr.parcourscpts;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The module boundaries: every top-level package under {@code fr.parcourscpts} is a
 * module; a module may use only the public types of another's top-level package (its
 * API), and no two modules may depend on each other, directly or through others. The
 * documentation of the modules (a PlantUML diagram and a canvas per module) is written to
 * {@code target/spring-modulith-docs}.
 */
class ModulesTest {

	private final ApplicationModules modules = ApplicationModules.of(Application.class);

	@Test
	void modulesRespectTheirBoundaries() {
		this.modules.verify();
	}

	@Test
	void writesTheModulesDocumentation() {
		new Documenter(this.modules).writeDocumentation();
	}

}
