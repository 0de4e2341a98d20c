package fr.parcourscpts.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.dossier.Dossiers.Dossier;

@ApplicationTest
class DossiersTest {

	@Autowired
	Dossiers dossiers;

	@Autowired
	DossierMembers members;

	@Test
	void referencesFollowEachOtherPerRegionAndYear() {
		// a year no other test uses: the counter starts there
		assertThat(this.dossiers.nextReference("94", 2099)).isEqualTo("CPTS-94-2099-0001");
		assertThat(this.dossiers.nextReference("94", 2099)).isEqualTo("CPTS-94-2099-0002");
		assertThat(this.dossiers.nextReference("93", 2099)).isEqualTo("CPTS-93-2099-0001");
	}

	@Test
	void aDossierCreatedWithItsReferenceIsReadByItAndItsPorteurIsAMember() {
		String reference = this.dossiers.nextReference("94", 2098);
		Dossier created = this.dossiers.create(reference, "94", "CPTS de Balagne", "porteur.94@exemple.fr");

		Dossier read = this.dossiers.byReference(reference).orElseThrow();
		assertThat(read.id()).isEqualTo(created.id());
		assertThat(read.region()).isEqualTo("94");
		assertThat(read.nomCpts()).isEqualTo("CPTS de Balagne");
		assertThat(read.porteur()).isEqualTo("porteur.94@exemple.fr");
		assertThat(read.processInstanceId()).isNull();
		assertThat(read.creeLe()).isNotNull();
		assertThat(this.members.membersOf(created.id())).containsExactly("porteur.94@exemple.fr");

		this.dossiers.linkProcess(created.id(), "instance-1");
		this.dossiers.rename(created.id(), "CPTS de Balagne et du Nebbio");
		assertThat(this.dossiers.byId(created.id())).hasValueSatisfying((dossier) -> {
			assertThat(dossier.reference()).isEqualTo(reference);
			assertThat(dossier.processInstanceId()).isEqualTo("instance-1");
			assertThat(dossier.nomCpts()).isEqualTo("CPTS de Balagne et du Nebbio");
		});
	}

	@Test
	void anUnknownReferenceIsNoDossier() {
		assertThat(this.dossiers.byReference("CPTS-94-2098-9999")).isEmpty();
		assertThat(this.dossiers.byReference(null)).isEmpty();
		assertThat(this.dossiers.byId(-1)).isEmpty();
	}

}
