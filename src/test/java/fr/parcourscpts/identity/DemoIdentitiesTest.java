package fr.parcourscpts.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import fr.parcourscpts.Application;
import fr.parcourscpts.ApplicationTest;

@ApplicationTest
class DemoIdentitiesTest {

	@Autowired
	IdentityService identityService;

	@Test
	void demoProfileCreatesOneAccountPerInstitutionInEachDemoRegion() {
		for (String region : new String[] { "76", "52", "32" }) {
			for (Institution institution : Institution.values()) {
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
	void everyRegionIsATenantAndEveryInstitutionAGroup() {
		assertThat(this.identityService.createTenantQuery().count()).isEqualTo(18);
		for (Institution institution : Institution.values()) {
			assertThat(this.identityService.createGroupQuery().groupId(institution.groupId()).count()).isEqualTo(1);
		}
	}

	@Test
	void withoutTheDemoProfileThereIsNoDemoAccount() {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Application.class).profiles("test")
			// Its own engine name and port, so that the shared test application keeps
			// "default".
			.run("--camunda.bpm.process-engine-name=sans-demo", "--server.port=0")) {
			ProcessEngine engine = context.getBean(ProcessEngine.class);
			IdentityService identity = engine.getIdentityService();
			assertThat(identity.createGroupQuery().groupId("ars").count()).as("groups exist in every profile")
				.isEqualTo(1);
			assertThat(identity.createUserQuery().userId("ars.76").count()).isZero();
			assertThat(identity.createUserQuery().count()).as("no user at all without demo nor admin password")
				.isZero();
		}
	}

	@Test
	void demoProfileRefusesToRunWithThePostgresProfile() {
		MockEnvironment environment = new MockEnvironment();
		environment.setActiveProfiles("demo", "postgres");
		assertThatThrownBy(() -> new DemoIdentities(this.identityService, environment, "demo", "76"))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("production");
	}

}
