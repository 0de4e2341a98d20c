package fr.parcourscpts.documents;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The official documents, each issued by the notification events listed (the
 * {@code evenement} codes of the models, and the deposit receipts).
 */
public enum TypeDocument {

	ACCUSE_RECEPTION_LETTRE("accuse-reception-lettre", Set.of("lettreIntentionRecue")),
	ACCUSE_RECEPTION_FIR("accuse-reception-fir", Set.of("demandeFirRecue")),
	ACCUSE_RECEPTION_PROJET("accuse-reception-projet", Set.of("projetSanteRecu")),
	DECISION_FIR("decision-fir", Set.of("firAccorde", "firRefuse", "firRefusImplicite")),
	ATTESTATION_VALIDATION("attestation-validation", Set.of("projetSanteValide", "projetSanteValideTacitement")),
	CONTRAT_ACI("contrat-aci", Set.of("contratSigne")),
	AVIS_EVALUATION("avis-evaluation", Set.of("evaluationNotifiee"));

	private final String template;

	private final Set<String> evenements;

	TypeDocument(String template, Set<String> evenements) {
		this.template = template;
		this.evenements = evenements;
	}

	/**
	 * The template under {@code templates/documents/}, also the start of the file name.
	 */
	public String template() {
		return this.template;
	}

	public static Optional<TypeDocument> issuedBy(String evenement) {
		return Arrays.stream(values()).filter((type) -> type.evenements.contains(evenement)).findFirst();
	}

}
