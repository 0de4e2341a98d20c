package fr.parcourscpts.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;

import fr.parcourscpts.agents.VisibiliteDossier.Lecteur;
import fr.parcourscpts.agents.VisibiliteDossier.Portee;
import fr.parcourscpts.agents.VisibiliteDossier.Vue;
import fr.parcourscpts.documents.TypeDocument;
import fr.parcourscpts.identity.Institution;

/** One test per row of the visibility table (docs/agents.md). */
class VisibiliteDossierTest {

	private static Lecteur agent(Institution institution, String region) {
		return new Lecteur(Set.of(institution), Set.of(region), false);
	}

	private static Vue vue(Institution institution, boolean transmis) {
		return VisibiliteDossier.vue(agent(institution, "76"), "76", transmis).orElseThrow();
	}

	@Test
	void noAgentSeesADossierOfAnotherRegion() {
		for (Institution institution : Institution.values()) {
			assertThat(VisibiliteDossier.vue(agent(institution, "52"), "76", true)).as(institution.name()).isEmpty();
		}
	}

	@Test
	void porteursSeeNothingHere() {
		assertThat(VisibiliteDossier.vue(agent(Institution.PORTEURS, "76"), "76", true)).isEmpty();
	}

	@Test
	void urpsBeforeForwardingSeesTheLettreAndOnlyItsOwnOpinion() {
		Vue vue = vue(Institution.URPS_MEDECINS, false);
		assertThat(vue.voitAvisDe("urps-medecins")).isTrue();
		assertThat(vue.voitAvisDe("urps-pharmaciens")).isFalse();
		assertThat(vue.voitPiece("LETTRE")).isTrue();
		assertThat(vue.voitActivite("verifierCompletude")).isTrue();
		assertThat(vue.voitActivite("rendreAvisUrps")).isFalse();
		assertThat(vue.voitDecision("completude")).isTrue();
		assertThat(vue.voitDecision("avisConsolideFinal")).isFalse();
		assertThat(vue.voitTout()).isFalse();
	}

	@Test
	void urpsAfterForwardingSeesAllOpinionsButNeverTheFirTheProjetOrTheContract() {
		Vue vue = vue(Institution.URPS_PHARMACIENS, true);
		assertThat(vue.voitAvisDe("urps-medecins")).isTrue();
		assertThat(vue.voitDecision("avisConsolideFinal")).isTrue();
		assertThat(vue.voitDecision("decisionFir")).isFalse();
		assertThat(vue.voitDecision("decisionProjet")).isFalse();
		assertThat(vue.voitPiece("STATUTS")).isFalse();
		assertThat(vue.voitPiece("RAPPORT")).isFalse();
		assertThat(vue.voitActivite("deciderFinancementFir")).isFalse();
		assertThat(vue.voitActivite("preparerEtSignerContrat")).isFalse();
		assertThat(vue.voitDocument(TypeDocument.DECISION_FIR)).isFalse();
		assertThat(vue.voitDocument(TypeDocument.ACCUSE_RECEPTION_LETTRE)).isTrue();
	}

	@Test
	void guichetSeesTheLettreThePiecesAndAllOpinionsFromTheStart() {
		Vue vue = vue(Institution.GUICHET_CPTS, false);
		assertThat(vue.portee()).isEqualTo(Portee.LETTRE_ET_AVIS);
		assertThat(vue.voitAvisDe("urps-biologistes")).isTrue();
		assertThat(vue.voitActivite("rendreAvisUrps")).isTrue();
		assertThat(vue.voitDecision("decisionFir")).isFalse();
		assertThat(vue.voitPiece("STATUTS")).isFalse();
	}

	@Test
	void arsAndCpamSeeNothingBeforeTheForwarding() {
		assertThat(VisibiliteDossier.vue(agent(Institution.ARS, "76"), "76", false)).isEmpty();
		assertThat(VisibiliteDossier.vue(agent(Institution.CPAM, "76"), "76", false)).isEmpty();
	}

	@Test
	void arsAndCpamSeeEverythingFromTheForwardingOn() {
		for (Institution institution : Set.of(Institution.ARS, Institution.CPAM)) {
			Vue vue = vue(institution, true);
			assertThat(vue.voitTout()).isTrue();
			assertThat(vue.voitPiece("STATUTS")).isTrue();
			assertThat(vue.voitDecision("decisionProjet")).isTrue();
			assertThat(vue.voitDocument(TypeDocument.CONTRAT_ACI)).isTrue();
		}
	}

	@Test
	void aRegionalAdministratorSeesEverythingOfTheirRegionAtAnyStep() {
		assertThat(vue(Institution.ADMINISTRATEURS, false).voitTout()).isTrue();
	}

	@Test
	void theOperatorSeesEveryRegion() {
		assertThat(VisibiliteDossier.vue(new Lecteur(Set.of(), Set.of(), true), "52", false)).isPresent();
	}

}
