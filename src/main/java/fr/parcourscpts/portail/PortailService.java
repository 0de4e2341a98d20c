package fr.parcourscpts.portail;

import java.time.Clock;
import java.time.Year;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.Errors;
import org.springframework.validation.SmartValidator;

import fr.parcourscpts.dossier.DossierMembers;
import fr.parcourscpts.dossier.Dossiers;
import fr.parcourscpts.intention.CreationProcess;
import fr.parcourscpts.portail.Lettres.Lettre;
import fr.parcourscpts.territoire.Commune;
import fr.parcourscpts.territoire.Territoire;
import fr.parcourscpts.territoire.TerritoireService;

/**
 * The porteur's actions on a lettre d'intention: who may see it, saving a draft, the
 * checks before sending, sending (reference, dossier, members, process start), sending it
 * again after a correction, and abandoning.
 */
@Service
class PortailService {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	/** Well below the 4,000 characters of the engine's text columns. */
	static final int RESUME_CHEVAUCHEMENTS_MAX = 1000;

	private static final int SUITE_MAX = 120;

	static final int REFERENCES_PAR_COMMUNE = 3;

	static final int RESUME_COMMUNES_MAX = 3000;

	private final Lettres lettres;

	private final DossierMembers members;

	private final TerritoireService territoires;

	private final RuntimeService runtime;

	private final TaskService engineTasks;

	private final Dossiers dossiers;

	private final SmartValidator validator;

	private final MessageSource messages;

	private final TransactionTemplate transaction;

	private final Clock clock;

	PortailService(Lettres lettres, DossierMembers members, TerritoireService territoires, RuntimeService runtime,
			TaskService engineTasks, Dossiers dossiers, SmartValidator validator, MessageSource messages,
			PlatformTransactionManager transactions) {
		this.lettres = lettres;
		this.members = members;
		this.territoires = territoires;
		this.runtime = runtime;
		this.engineTasks = engineTasks;
		this.dossiers = dossiers;
		this.validator = validator;
		this.messages = messages;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = Clock.system(PARIS);
	}

	/**
	 * The lettre if the user may act for it: its author while it is a draft, the members
	 * of its dossier once sent.
	 * @throws DossierIntrouvable otherwise, as when it does not exist
	 */
	Lettre acces(long id, String user) {
		Lettre lettre = this.lettres.find(id).orElseThrow(DossierIntrouvable::new);
		boolean allowed = lettre.brouillon() ? lettre.proprietaire().equals(user)
				: this.members.isMember(lettre.dossierId(), user);
		if (!allowed) {
			throw new DossierIntrouvable();
		}
		return lettre;
	}

	/**
	 * The sent lettre of the dossier with this reference, if the user is a member of the
	 * dossier.
	 * @throws DossierIntrouvable otherwise, as when it does not exist
	 */
	Lettre acces(String reference, String user) {
		Lettre lettre = this.lettres.findByReference(reference).orElseThrow(DossierIntrouvable::new);
		if (!this.members.isMember(lettre.dossierId(), user)) {
			throw new DossierIntrouvable();
		}
		return lettre;
	}

	List<Lettre> visibles(String user) {
		return this.lettres.visibleTo(user);
	}

	@Transactional
	long creerBrouillon(String user, LettreForm form) {
		return this.lettres.create(user, form);
	}

	/**
	 * Saves the draft as typed; refused once the lettre is sent.
	 * @throws LettreDejaEnvoyee when it is sent, even by a request running alongside
	 */
	@Transactional
	void enregistrerBrouillon(long id, String user, LettreForm form) {
		Lettre lettre = acces(id, user);
		if (!lettre.brouillon() || !this.lettres.lockDraft(id)) {
			throw new LettreDejaEnvoyee(id);
		}
		this.lettres.update(id, form);
	}

	/** The checks of a save: formats and lengths only. */
	void validerBrouillon(LettreForm form, Errors errors) {
		this.validator.validate(form, errors);
	}

	/** Every check of sending: the form, the territory, the professionals, the budget. */
	void validerEnvoi(LettreForm form, Errors errors) {
		this.validator.validate(form, errors, jakarta.validation.groups.Default.class, LettreForm.Envoi.class);
		verifierTerritoire(form, errors);
		verifierProfessionnels(form, errors);
		verifierBudget(form, errors);
	}

	private void verifierTerritoire(LettreForm form, Errors errors) {
		List<String> codes = form.codesCommunes();
		if (codes.isEmpty() || errors.hasFieldErrors("communes")) {
			return;
		}
		Territoire territoire = this.territoires.territoire(codes);
		if (!territoire.unknownCodes().isEmpty()) {
			errors.rejectValue("communes", "portail.lettre.communes.inconnues",
					new Object[] { String.join(", ", territoire.unknownCodes()) }, null);
			return;
		}
		if (territoire.regions().size() > 1) {
			errors.rejectValue("communes", "portail.lettre.communes.plusieursRegions", new Object[] {
					territoire.regions().stream().map((region) -> region.nom()).collect(Collectors.joining(", ")) },
					null);
			return;
		}
		if (!territoire.eligible()) {
			errors.rejectValue("communes", "territoire.notEligible",
					new Object[] { territoire.population(), this.territoires.minimumPopulation() }, null);
		}
	}

	private void verifierProfessionnels(LettreForm form, Errors errors) {
		long total = 0;
		for (Map.Entry<String, String> entry : form.getProfessionnels().entrySet()) {
			String value = (entry.getValue() != null) ? entry.getValue().strip() : "";
			if (value.isEmpty()) {
				continue;
			}
			Integer nombre = entier(value);
			if (nombre == null || nombre < 0 || nombre > 100_000) {
				errors.rejectValue("professionnels[" + entry.getKey() + "]", "portail.lettre.professionnels.nombre");
			}
			else {
				total += nombre;
			}
		}
		if (total == 0 && !errors.hasFieldErrors("professionnels*")) {
			errors.rejectValue("professionnels", "portail.lettre.professionnels.required");
		}
	}

	private void verifierBudget(LettreForm form, Errors errors) {
		java.math.BigDecimal demande = montant(form.getMontantFirDemande());
		if (demande == null && form.getMontantFirDemande() != null && !form.getMontantFirDemande().isBlank()
				&& !errors.hasFieldErrors("montantFirDemande")) {
			errors.rejectValue("montantFirDemande", "portail.lettre.montant.format");
		}
		List<LettreForm.LigneBudget> lignes = form.getLignesBudget();
		java.math.BigDecimal somme = java.math.BigDecimal.ZERO;
		boolean lignesValides = true;
		int nonVides = 0;
		for (int i = 0; i < lignes.size(); i++) {
			LettreForm.LigneBudget ligne = lignes.get(i);
			if (ligne == null || ligne.isBlank()) {
				continue;
			}
			nonVides++;
			if (ligne.getLibelle() == null || ligne.getLibelle().isBlank()) {
				errors.rejectValue("lignesBudget[" + i + "].libelle", "portail.lettre.budget.libelle.required");
				lignesValides = false;
			}
			java.math.BigDecimal montant = montant(ligne.getMontant());
			if (montant == null) {
				if (!errors.hasFieldErrors("lignesBudget[" + i + "].montant")) {
					boolean vide = ligne.getMontant() == null || ligne.getMontant().isBlank();
					errors.rejectValue("lignesBudget[" + i + "].montant",
							vide ? "portail.lettre.budget.montant.required" : "portail.lettre.montant.format");
				}
				lignesValides = false;
			}
			else {
				somme = somme.add(montant);
			}
		}
		if (errors.hasFieldErrors("montantFirDemande")) {
			return;
		}
		if (demande == null || demande.signum() == 0) {
			if (nonVides > 0) {
				errors.rejectValue("montantFirDemande", "portail.lettre.montant.requiredAvecBudget");
			}
			return;
		}
		if (nonVides == 0) {
			errors.rejectValue("lignesBudget", "portail.lettre.budget.required");
		}
		else if (lignesValides && somme.compareTo(demande) != 0) {
			errors.rejectValue("lignesBudget", "portail.lettre.budget.somme",
					new Object[] { somme.toPlainString(), demande.toPlainString() }, null);
		}
	}

	/**
	 * Sends the lettre: creates the dossier with its reference, makes the user its
	 * porteur and starts {@code cpts-creation}, in one transaction with the engine's
	 * writes. The caller has checked the form with {@link #validerEnvoi}. The number of
	 * the reference is taken beforehand, committed on its own: see
	 * {@link Dossiers#nextReference}.
	 * @return the reference
	 * @throws LettreDejaEnvoyee when it is sent, even by a request running alongside
	 */
	String envoyer(long id, String user, LettreForm form) {
		if (!acces(id, user).brouillon()) {
			throw new LettreDejaEnvoyee(id);
		}
		Territoire territoire = this.territoires.territoire(form.codesCommunes());
		String region = territoire.region().orElseThrow().code();
		int annee = Year.now(this.clock).getValue();
		String reference = this.dossiers.nextReference(region, annee);
		return this.transaction.execute((status) -> envoyer(id, user, form, territoire, region, reference));
	}

	private String envoyer(long id, String user, LettreForm form, Territoire territoire, String region,
			String reference) {
		Lettre lettre = acces(id, user);
		if (!lettre.brouillon() || !this.lettres.lockDraft(id)) {
			throw new LettreDejaEnvoyee(id);
		}
		this.lettres.update(id, form);
		long dossierId = this.dossiers.create(reference, region, form.getNomCpts().strip(), user).id();
		Map<String, Object> variables = variablesLettre(id, form, territoire);
		variables.put(CreationProcess.REFERENCE, reference);
		variables.put(CreationProcess.REGION, region);
		variables.put(CreationProcess.PORTEUR, user);
		ProcessInstance instance = this.runtime.startProcessInstanceByKey(CreationProcess.PROCESS_ID, reference,
				variables);
		this.dossiers.linkProcess(dossierId, instance.getId());
		this.lettres.markSent(id, dossierId);
		return reference;
	}

	/**
	 * The variables of the lettre that the process routes on or shows; the same at the
	 * start and after a correction.
	 */
	Map<String, Object> variablesLettre(long id, LettreForm form, Territoire territoire) {
		Map<String, Object> variables = new HashMap<>();
		// Shown to the Guichet: two CPTS should not cover the same communes.
		// A bounded summary: the full list lives in lettre_commune and is shown on the
		// dossier's page; the engine's text columns hold 4,000 characters at most.
		variables.put(CreationProcess.COMMUNES_EN_CHEVAUCHEMENT, resumeChevauchements(chevauchements(id, form)));
		variables.put(CreationProcess.NOM_CPTS, form.getNomCpts().strip());
		variables.put(CreationProcess.DEPARTEMENT, departementPrincipal(territoire));
		variables.put(CreationProcess.POPULATION, territoire.population());
		if (territoire.tailleCpts() != null) {
			variables.put(CreationProcess.TAILLE_CPTS, territoire.tailleCpts().numero());
		}
		variables.put(CreationProcess.COMMUNES, resumeCommunes(territoire.communes()));
		java.math.BigDecimal montant = montant(form.getMontantFirDemande());
		if (montant != null && montant.signum() > 0) {
			variables.put(CreationProcess.MONTANT_FIR_DEMANDE, montant.doubleValue());
		}
		return variables;
	}

	/**
	 * The lettre corrected at the Guichet's request (checked like a sending, same
	 * region): the lettre, the dossier, the process variables and the completion of
	 * {@code corrigerLettreIntention} in one transaction.
	 */
	@Transactional
	void enregistrerCorrection(long id, String user, LettreForm form, Suivi.Tache tache) {
		String processInstanceId = tache.processInstanceId();
		Lettre lettre = acces(id, user);
		Territoire territoire = this.territoires.territoire(form.codesCommunes());
		this.lettres.update(id, form);
		this.dossiers.rename(lettre.dossierId(), form.getNomCpts().strip());
		Map<String, Object> variables = variablesLettre(id, form, territoire);
		if (!variables.containsKey(CreationProcess.MONTANT_FIR_DEMANDE)) {
			this.runtime.removeVariable(processInstanceId, CreationProcess.MONTANT_FIR_DEMANDE);
		}
		this.runtime.setVariables(processInstanceId, variables);
		this.engineTasks.complete(tache.id());
	}

	/** A territory corrected into another région would change the ARS: refused. */
	void verifierMemeRegion(LettreForm form, Lettre lettre, Errors errors) {
		if (errors.hasFieldErrors("communes")) {
			return;
		}
		Territoire territoire = this.territoires.territoire(form.codesCommunes());
		String region = territoire.region().map((r) -> r.code()).orElse(null);
		if (!Objects.equals(region, lettre.region())) {
			errors.rejectValue("communes", "portail.lettre.communes.autreRegion");
		}
	}

	/** The département with the most inhabitants of the territory. */
	static String departementPrincipal(Territoire territoire) {
		Map<String, Long> parDepartement = new LinkedHashMap<>();
		for (Commune commune : territoire.communes()) {
			parDepartement.merge(commune.departement(), (long) commune.population(), Long::sum);
		}
		return parDepartement.entrySet()
			.stream()
			.max(Map.Entry.<String, Long>comparingByValue()
				.thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
			.map(Map.Entry::getKey)
			.orElse(null);
	}

	/** The communes of the lettre already in another dossier: name → references. */
	Map<String, List<String>> chevauchements(long id, LettreForm form) {
		Map<String, List<String>> byCode = this.lettres.overlaps(id,
				form.codesCommunes().stream().filter((code) -> code.length() <= 5).toList());
		Map<String, List<String>> byName = new LinkedHashMap<>();
		byCode.forEach((code, references) -> byName
			.put(this.territoires.commune(code).map((c) -> c.nom() + " (" + code + ")").orElse(code), references));
		return byName;
	}

	/**
	 * The INSEE codes of the territory for the Guichet's form: all of them up to
	 * {@value #RESUME_COMMUNES_MAX} characters (about 500 communes), then how many are
	 * left out; the whole list is on the dossier's page (a territory of 700 communes
	 * overflowed the engine's 4,000-character text columns).
	 */
	String resumeCommunes(List<Commune> communes) {
		StringBuilder codes = new StringBuilder();
		int shown = 0;
		for (Commune commune : communes) {
			if (codes.length() + 1 + commune.code().length() > RESUME_COMMUNES_MAX) {
				break;
			}
			if (shown > 0) {
				codes.append(',');
			}
			codes.append(commune.code());
			shown++;
		}
		if (shown < communes.size()) {
			codes.append(' ').append(message("portail.communes.resume.autres", communes.size() - shown));
		}
		return codes.toString();
	}

	/**
	 * The overlaps as the Guichet's form shows them, at most
	 * {@value #RESUME_CHEVAUCHEMENTS_MAX} characters whatever their number: per commune
	 * the {@value #REFERENCES_PAR_COMMUNE} most recent dossiers and how many there are,
	 * then how many communes are left out.
	 */
	String resumeChevauchements(Map<String, List<String>> chevauchements) {
		StringBuilder resume = new StringBuilder();
		int shown = 0;
		for (Map.Entry<String, List<String>> overlap : chevauchements.entrySet()) {
			String ligne = ligneChevauchement(overlap.getKey(), overlap.getValue());
			if (shown > 0 && resume.length() + 3 + ligne.length() > RESUME_CHEVAUCHEMENTS_MAX - SUITE_MAX) {
				break;
			}
			if (shown > 0) {
				resume.append(" ; ");
			}
			resume.append(ligne);
			shown++;
		}
		int left = chevauchements.size() - shown;
		if (left > 0) {
			resume.append(" ; ").append(message("portail.chevauchement.resume.autres", left));
		}
		return (resume.length() > RESUME_CHEVAUCHEMENTS_MAX) ? resume.substring(0, RESUME_CHEVAUCHEMENTS_MAX - 1) + "…"
				: resume.toString();
	}

	private String ligneChevauchement(String commune, List<String> references) {
		if (references.size() <= REFERENCES_PAR_COMMUNE) {
			return commune + " : " + String.join(", ", references);
		}
		List<String> recent = references.subList(references.size() - REFERENCES_PAR_COMMUNE, references.size());
		return message("portail.chevauchement.resume.plusieurs", commune, references.size(), String.join(", ", recent));
	}

	/** The territory as typed, for the summary shown without script. */
	Territoire territoire(LettreForm form) {
		return this.territoires.territoire(form.codesCommunes());
	}

	String messageTerritoire(Territoire territoire) {
		if (territoire.communes().isEmpty()) {
			return null;
		}
		if (territoire.regions().size() > 1) {
			return message("portail.lettre.communes.plusieursRegions",
					territoire.regions().stream().map((region) -> region.nom()).collect(Collectors.joining(", ")));
		}
		return territoire.eligible() ? null
				: message("territoire.notEligible", territoire.population(), this.territoires.minimumPopulation());
	}

	String message(String code, Object... arguments) {
		return this.messages.getMessage(code, arguments, LocaleContextHolder.getLocale());
	}

	static Integer entier(String value) {
		try {
			return Integer.valueOf(value.strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** A typed amount ({@code 1200}, {@code 1 200,50}), or null when blank or invalid. */
	static java.math.BigDecimal montant(String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String normalized = value.replaceAll("[\\s\\u00a0\\u202f]", "").replace(',', '.');
		if (!normalized.matches("\\d{1,9}(\\.\\d{1,2})?")) {
			return null;
		}
		return new java.math.BigDecimal(normalized);
	}

}
