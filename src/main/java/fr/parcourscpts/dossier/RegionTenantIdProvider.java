package fr.parcourscpts.dossier;

import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.camunda.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;

import fr.parcourscpts.identity.Region;

/**
 * The models are deployed once, shared by all regions; each process instance belongs to
 * the tenant of its dossier's region, taken from the start variable
 * {@value #REGION_VARIABLE} (an INSEE region code). Called processes and decisions
 * inherit the tenant of their caller.
 */
public class RegionTenantIdProvider implements TenantIdProvider {

	/** The start variable that names the region of a dossier. */
	public static final String REGION_VARIABLE = "region";

	@Override
	public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
		if (context.getSuperExecution() != null) {
			return context.getSuperExecution().getTenantId();
		}
		Object region = context.getVariables().get(REGION_VARIABLE);
		if (region == null) {
			return null;
		}
		return Region.ofCode(region.toString())
			.map(Region::code)
			.orElseThrow(() -> new IllegalArgumentException("Code région INSEE inconnu : " + region));
	}

	@Override
	public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
		return null;
	}

	@Override
	public String provideTenantIdForHistoricDecisionInstance(TenantIdProviderHistoricDecisionInstanceContext context) {
		if (context.getExecution() != null) {
			return context.getExecution().getTenantId();
		}
		return null;
	}

}
