package fr.parcourscpts.documents;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The official documents, each issued by the notification events listed (the
 * {@code evenement} codes of the models, and the deposit receipts). A document rendered
 * on first read is issued as its page only, its PDF made when someone first reads it
 * ({@link DocumentsOfficiels}).
 */
public enum TypeDocument {

	ACCUSE_RECEPTION_LETTRE("accuse-reception-lettre", Set.of("lettreIntentionRecue")),
	ACCUSE_RECEPTION_FIR("accuse-reception-fir", Set.of("demandeFirRecue")),
	ACCUSE_RECEPTION_PROJET("accuse-reception-projet", Set.of("projetSanteRecu")),
	DECISION_FIR("decision-fir", Set.of("firAccorde", "firRefuse", "firRefusImplicite")),
	// Rendered on first read: issued by the tacit validation's timer, thousands of which
	// may fall due the same night (issue 12, P3).
	ATTESTATION_VALIDATION("attestation-validation", Set.of("projetSanteValide", "projetSanteValideTacitement"), true),
	CONTRAT_ACI("contrat-aci", Set.of("contratSigne")),
	AVIS_EVALUATION("avis-evaluation", Set.of("evaluationNotifiee"));

	private final String template;

	private final Set<String> evenements;

	private final boolean renduALaPremiereLecture;

	TypeDocument(String template, Set<String> evenements) {
		this(template, evenements, false);
	}

	TypeDocument(String template, Set<String> evenements, boolean renduALaPremiereLecture) {
		this.template = template;
		this.evenements = evenements;
		this.renduALaPremiereLecture = renduALaPremiereLecture;
	}

	/** Whether its PDF is made by its first reader rather than by the step issuing it. */
	public boolean renduALaPremiereLecture() {
		return this.renduALaPremiereLecture;
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
