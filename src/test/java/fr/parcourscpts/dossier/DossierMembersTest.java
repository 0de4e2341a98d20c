package fr.parcourscpts.dossier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;

import fr.parcourscpts.ApplicationTest;
import fr.parcourscpts.dossier.DossierMembers.Role;

@ApplicationTest
class DossierMembersTest {

	@Autowired
	DossierMembers members;

	@Autowired
	JdbcClient jdbc;

	@Test
	void porteurAndInvitedCoPorteurActForTheDossierAndNobodyElse() {
		long dossier = newDossier("CPTS-76-2026-9001");
		this.members.add(dossier, "alice@exemple.fr", Role.PORTEUR);
		this.members.add(dossier, "bob@exemple.fr", Role.CO_PORTEUR);
		this.members.add(dossier, "bob@exemple.fr", Role.CO_PORTEUR);

		assertThat(this.members.isMember(dossier, "alice@exemple.fr")).isTrue();
		assertThat(this.members.isMember(dossier, "bob@exemple.fr")).isTrue();
		assertThat(this.members.isMember(dossier, "eve@exemple.fr")).isFalse();
		assertThat(this.members.membersOf(dossier)).containsExactly("alice@exemple.fr", "bob@exemple.fr");
		assertThat(this.members.dossiersOf("bob@exemple.fr")).containsExactly(dossier);
		assertThat(this.members.dossiersOf("eve@exemple.fr")).isEmpty();
	}

	private long newDossier(String reference) {
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql(
				"insert into dossier (reference, region, nom_cpts, porteur, created_at) values (:r, '76', 'CPTS test', 'alice@exemple.fr', :at)")
			.param("r", reference)
			.param("at", OffsetDateTime.now())
			.update(key, "id");
		return key.getKey().longValue();
	}

}
