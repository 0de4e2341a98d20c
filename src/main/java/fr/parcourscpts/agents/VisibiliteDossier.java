package fr.parcourscpts.agents;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import fr.parcourscpts.documents.TypeDocument;
import fr.parcourscpts.identity.Institution;

/**
 * What each institution may see of a dossier: the one place of the rule (docs/agents.md).
 * The application reads the engine without a Camunda authentication, so neither the
 * engine's tenant check nor its authorizations apply here: this class does their work.
 *
 * <ul>
 * <li>No one sees a dossier of another region (and porteurs never reach /agents).</li>
 * <li>An URPS sees the lettre (with its pieces and its FIR request) and its own opinion;
 * the other opinions once the Guichet has forwarded them ({@code transmettreAvisArs}
 * completed); never the FIR decision, the projet de santé, the contract.</li>
 * <li>The Guichet sees the lettre, its pieces and all the opinions.</li>
 * <li>The ARS and the CPAM see everything, from the forwarding on; before it the dossier
 * is not theirs yet, and they get 404 as for an unknown reference.</li>
 * <li>A regional administrator sees everything of their region ({@code camunda-admin},
 * the operator of the whole service, of every region).</li>
 * </ul>
 */
final class VisibiliteDossier {

	/** How much of a dossier a viewer sees, from the least to the most. */
	enum Portee {

		/** The lettre, its pieces, one's own URPS opinion. */
		LETTRE,
		/** And all the URPS opinions, the consolidated opinion. */
		LETTRE_ET_AVIS,
		/** Everything: FIR decision, projet de santé, contract, evaluations. */
		TOUT

	}

	/** Who is looking: their institutions, the regions they are agents of. */
	record Lecteur(Set<Institution> institutions, Set<String> regions, boolean operateur) {

		static Lecteur of(Authentication authentication) {
			Set<Institution> institutions = new LinkedHashSet<>();
			Set<String> regions = new LinkedHashSet<>();
			boolean operateur = false;
			for (GrantedAuthority granted : authentication.getAuthorities()) {
				String authority = granted.getAuthority();
				if (authority.equals("GROUP_camunda-admin")) {
					operateur = true;
				}
				else if (authority.startsWith("GROUP_")) {
					Institution.ofGroupId(authority.substring("GROUP_".length())).ifPresent(institutions::add);
				}
				else if (authority.startsWith("REGION_")) {
					regions.add(authority.substring("REGION_".length()));
				}
			}
			return new Lecteur(institutions, regions, operateur);
		}

		/** The groups whose tasks are this viewer's. */
		Set<String> groupesAgents() {
			Set<String> groups = new LinkedHashSet<>();
			this.institutions.stream().filter(Institution::isAgent).forEach((i) -> groups.add(i.groupId()));
			return groups;
		}

	}

	/**
	 * What one viewer sees of one dossier.
	 *
	 * @param portee how much
	 * @param urps the group ids of the viewer's own URPS (their own opinion, always)
	 */
	record Vue(Portee portee, Set<String> urps) {

		public boolean voitTousLesAvis() {
			return this.portee.compareTo(Portee.LETTRE_ET_AVIS) >= 0;
		}

		public boolean voitAvisDe(String urpsGroupId) {
			return voitTousLesAvis() || this.urps.contains(urpsGroupId);
		}

		public boolean voitTout() {
			return this.portee == Portee.TOUT;
		}

		/**
		 * The lettre's pieces for all; the statuts and the annual reports with the rest.
		 */
		public boolean voitPiece(String categorie) {
			return "LETTRE".equals(categorie) || voitTout();
		}

		public boolean voitDocument(TypeDocument type) {
			return type == TypeDocument.ACCUSE_RECEPTION_LETTRE || voitTout();
		}

		/** A step of the history, by its BPMN id; unknown ids only with everything. */
		public boolean voitActivite(String activityId) {
			if (ACTIVITES_LETTRE.contains(activityId)) {
				return true;
			}
			if (ACTIVITES_AVIS.contains(activityId)) {
				return voitTousLesAvis();
			}
			return voitTout();
		}

		/** A decision or reason recorded in the process variables. */
		public boolean voitDecision(String variable) {
			Portee requise = DECISIONS.get(variable);
			return requise != null && this.portee.compareTo(requise) >= 0;
		}

	}

	/** The steps of the lettre: every viewer sees them. */
	static final Set<String> ACTIVITES_LETTRE = Set.of("lettreIntentionDeposee", "verifierCompletude",
			"corrigerLettreIntention", "lettreIrrecevable", "abandonnerDossier", "abandonDemande", "dossierAbandonne");

	/**
	 * The steps of the URPS opinions: seeing them (who answered, when) tells the others'
	 * answers apart, so they come with all the opinions.
	 */
	static final Set<String> ACTIVITES_AVIS = Set.of("recueillirAvisUrps", "avisUrpsDemande", "rendreAvisUrps",
			"avisUrpsRendu", "relanceAvisUrpsDue", "delaiAvisUrpsEcoule", "avisUrpsNonRendu", "compterAvisUrps",
			"consoliderAvisUrps", "transmettreAvisArs");

	/** The decisions and reasons shown, each with how much one must see to read it. */
	static final Map<String, Portee> DECISIONS = orderedDecisions();

	private static Map<String, Portee> orderedDecisions() {
		Map<String, Portee> decisions = new java.util.LinkedHashMap<>();
		decisions.put("completude", Portee.LETTRE);
		decisions.put("motifCompletude", Portee.LETTRE);
		decisions.put("avisConsolideFinal", Portee.LETTRE_ET_AVIS);
		decisions.put("motifDerogation", Portee.LETTRE_ET_AVIS);
		for (String name : new String[] { "decisionFir", "montantFirAccorde", "motifRefusFir", "questionFir",
				"reponseFir", "avisCpam", "commentaireAvisCpam", "decisionProjet", "motifOpposition",
				"commentaireOpposition", "typeCorrection", "objetCorrection", "validationProjet",
				"dateValidationTacite", "tailleCpts", "issueContrat" }) {
			decisions.put(name, Portee.TOUT);
		}
		return java.util.Collections.unmodifiableMap(decisions);
	}

	private VisibiliteDossier() {
	}

	/**
	 * What this viewer sees of a dossier of this region; empty when they may not see it
	 * at all (404, as for an unknown reference).
	 * @param transmisArs whether the Guichet has forwarded the lettre and the opinions
	 */
	static Optional<Vue> vue(Lecteur lecteur, String region, boolean transmisArs) {
		if (lecteur.institutions().contains(Institution.PORTEURS)) {
			return Optional.empty();
		}
		if (lecteur.operateur()) {
			return Optional.of(new Vue(Portee.TOUT, Set.of()));
		}
		if (region == null || !lecteur.regions().contains(region)) {
			return Optional.empty();
		}
		Portee portee = null;
		Set<String> urps = new LinkedHashSet<>();
		for (Institution institution : lecteur.institutions()) {
			Portee une = switch (institution.kind()) {
				// the Inter-URPS gives the URPS opinion where its region asks for one
				case URPS, UNION_URPS -> {
					urps.add(institution.groupId());
					yield transmisArs ? Portee.LETTRE_ET_AVIS : Portee.LETTRE;
				}
				// accompanying structures read the dossiers they are invited onto in the
				// portal, not here
				case ACCOMPAGNEMENT -> null;
				case ADMINISTRATOR -> Portee.TOUT;
				case AGENT -> switch (institution) {
					case GUICHET_CPTS -> Portee.LETTRE_ET_AVIS;
					case ARS, CPAM -> transmisArs ? Portee.TOUT : null;
					default -> null;
				};
				case PORTEUR -> null;
			};
			portee = max(portee, une);
		}
		return (portee != null) ? Optional.of(new Vue(portee, Set.copyOf(urps))) : Optional.empty();
	}

	private static Portee max(Portee a, Portee b) {
		if (a == null) {
			return b;
		}
		if (b == null) {
			return a;
		}
		return (a.compareTo(b) >= 0) ? a : b;
	}

}
