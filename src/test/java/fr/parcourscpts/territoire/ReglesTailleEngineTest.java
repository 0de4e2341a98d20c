package fr.parcourscpts.territoire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcourscpts.ApplicationTest;

/**
 * The portal classes territories with the table deployed in the engine, the contract's.
 */
@ApplicationTest
class ReglesTailleEngineTest {

	@Autowired
	TerritoireService territoires;

	@Test
	void portalUsesTheDeployedDecisionTable() {
		Territoire toulouse = this.territoires.territoire(java.util.List.of("31555"));
		assertThat(toulouse.population()).isGreaterThan(175_000);
		assertThat(toulouse.tailleCpts()).isEqualTo(TailleCpts.TAILLE_4);
		assertThat(toulouse.eligible()).isTrue();
		assertThat(this.territoires.minimumPopulation()).isEqualTo(20_000);
	}

}
