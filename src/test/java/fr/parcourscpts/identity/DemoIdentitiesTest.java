package fr.parcourscpts.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.IdentityService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.env.MockEnvironment;

import fr.parcourscpts.ApplicationTest;

@ApplicationTest
class DemoIdentitiesTest {

	@Autowired
	IdentityService identityService;

	@Test
	void demoProfileCreatesOneAccountPerInstitutionInEachDemoRegion() {
		for (String region : new String[] { "76", "52", "32" }) {
			for (Institution institution : Institution.values()) {
				if (institution.kind() == Institution.Kind.UNION_URPS
						|| institution.kind() == Institution.Kind.ACCOMPAGNEMENT) {
					continue;
				}
				String userId = DemoIdentities.userId(institution, Region.ofCode(region).orElseThrow());
				assertThat(this.identityService.createUserQuery()
					.userId(userId)
					.memberOfGroup(institution.groupId())
					.count()).as(userId + " in group " + institution.groupId()).isEqualTo(1);
				assertThat(this.identityService.createTenantQuery().userMember(userId).tenantId(region).count())
					.as(userId + " in region " + region)
					.isEqualTo(1);
			}
		}
		assertThat(this.identityService.checkPassword("ars.76", "demo")).isTrue();
	}

	@Test
	void accompanyingStructuresHaveAccountsWhereTheirRegionsPathNamesThem() {
		for (String[] compte : new String[][] { { "inter-urps.52", "inter-urps", "52" }, { "apmsl.52", "apmsl", "52" },
				{ "inter-urps.32", "inter-urps", "32" } }) {
			assertThat(this.identityService.createUserQuery()
				.userId(compte[0])
				.memberOfGroup(compte[1])
				.memberOfTenant(compte[2])
				.count()).as(compte[0]).isEqualTo(1);
		}
		for (String absent : new String[] { "inter-urps.76", "apmsl.76", "apmsl.32" }) {
			assertThat(this.identityService.createUserQuery().userId(absent).count()).as(absent).isZero();
		}
	}

	@Test
	void everyRegionIsATenantAndEveryInstitutionAGroup() {
		assertThat(this.identityService.createTenantQuery().count()).isEqualTo(18);
		for (Institution institution : Institution.values()) {
			assertThat(this.identityService.createGroupQuery().groupId(institution.groupId()).count()).isEqualTo(1);
		}
	}

	// Without the demo profile there is no demo account: PostgresIT checks it on the
	// production profile, in its own JVM (a second Camunda application in this one would
	// disturb the static registrations of the shared test application's webapps).

	@Test
	void demoProfileRefusesToRunWithThePostgresProfile() {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles("demo", "postgres");
		assertThatThrownBy(() -> new DemoIdentities(this.identityService, environment, "demo", "76", null))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("production");
	}

}
