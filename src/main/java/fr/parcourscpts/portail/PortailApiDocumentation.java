package fr.parcourscpts.portail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import fr.parcourscpts.portail.PortailApiController.ErreursJson;

/**
 * The OpenAPI of the porteurs' API as its clients need it: how to authenticate (and the
 * CSRF header of a session call), the one date format, the fields of each porteur task,
 * and for every operation the errors it can answer, in the French {@code {"message",
 * "erreurs"}} with an example. The errors are declared here, per operation, rather than
 * derived from the handlers of {@link PortailApiErreurs} (which would give every
 * operation every status): {@code PortailApiDocumentationTest} checks that the statuses
 * the operations really answer are the documented ones.
 */
@Configuration(proxyBeanMethods = false)
class PortailApiDocumentation {

	static final String SCHEMA_ERREURS = "ErreursJson";

	/** The errors every operation can answer (credentials, account, fault). */
	private static final List<Integer> COMMUNES = List.of(401, 403, 500);

	/**
	 * The other errors, by operation id (the controller's method name): 400 for a path
	 * variable or a body that cannot be read or fails its checks, 404 for a dossier or
	 * task that is not the caller's, 409 for a lettre already sent or a concurrent
	 * change, 413 for a file too large, 415 for a body of another type.
	 */
	static final Map<String, List<Integer>> ERREURS = Map.of("dossiers", List.of(), "dossier", List.of(400, 404),
			"creer", List.of(400, 415), "enregistrer", List.of(400, 404, 409, 415), "envoyer", List.of(400, 404, 409),
			"corriger", List.of(400, 404, 409, 415), "joindre", List.of(400, 404, 409, 413, 415), "taches",
			List.of(400, 404), "completer", List.of(400, 404, 409, 415), "abandonner", List.of(400, 404, 409));

	private static final Map<Integer, String> DESCRIPTIONS = Map.of(400,
			"Requête invalide : le corps ou un paramètre ne se lit pas, ou les contrôles ont échoué (champ → message dans `erreurs`)",
			401, "Non authentifié : ni session ni identifiants HTTP Basic valides", 403,
			"Refusé : le compte n'est pas celui d'un porteur, ou l'appel fait avec la session n'a pas l'en-tête `X-CSRF-TOKEN`",
			404, "Dossier, tâche ou pièce introuvable, ou qui n'est pas le vôtre (même réponse dans les deux cas)", 409,
			"Conflit : lettre déjà envoyée, abandon impossible, ou autre opération sur le même dossier au même moment",
			413, "Fichier de plus de 20 Mo", 415, "`Content-Type` non accepté par l'opération", 500,
			"Erreur du service (la cause est dans le journal, jamais dans la réponse)");

	/** The message key of each status's example. */
	private static final Map<Integer, String> EXEMPLES = Map.of(400, "portail.erreurs.titre", 401, "erreur.api.401",
			403, "erreur.api.403", 404, "portail.api.introuvable", 409, "portail.lettre.dejaEnvoyee", 413,
			"erreur.api.413", 415, "erreur.api.415", 500, "erreur.api.500");

	private static final String DESCRIPTION = """
			Les actions du porteur de projet sur ses dossiers de CPTS, en JSON : les mêmes services et \
			les mêmes contrôles d'accès que les pages du portail.

			**Authentification** : HTTP Basic (identifiant et mot de passe du portail), ou la session \
			du portail (cookie `JSESSIONID`). Un appel fait avec la session qui modifie quelque chose \
			(`POST`, `PUT`) porte le jeton CSRF de la session dans l'en-tête **`X-CSRF-TOKEN`** (le \
			champ caché `_csrf` de tout formulaire du portail) ; sans lui : 403. Un appel en HTTP Basic \
			n'en a pas besoin.

			**Dates** : les instants sont en ISO-8601 à la seconde, avec le décalage de l'heure de \
			Paris (`2026-03-15T00:00:00+01:00`, `+02:00` en été) ; les jours sont en `AAAA-MM-JJ`.

			**Erreurs** : toujours en français, de la forme `{"message": "…", "erreurs": {"champ": \
			"…"}}` (`erreurs` vaut `{}` quand aucun champ n'est en cause), avec le statut HTTP de \
			chaque opération ci-dessous. Une méthode qu'une adresse ne prend pas reçoit 405, une \
			adresse inconnue 404, dans la même forme.

			**Tâches du porteur** (`GET …/taches` donne leur `id` et leur `cle`), terminées par \
			`POST /api/portail/dossiers/{id}/taches/{taskId}` avec leurs champs en texte :

			| tâche (`cle`) | champs | pièce |
			|---|---|---|
			| `completerDemandeFir` | `reponseFir` (5 000 caractères au plus) | — |
			| `deposerProjetSante`, `corrigerProjetSante` | `missionsActions`, `gouvernance`, `systemesInformation` (obligatoires, 20 000 caractères au plus) | les statuts : `POST …/pieces` avec `categorie=STATUTS` **avant** la tâche (obligatoire) |
			| `signerContratPorteur` | `nomComplet` (prénom et nom, tels qu'au contrat), `confirmation` (`true`) | — |
			| `transmettreRapportActivite` | `rapport` (obligatoire) ; entiers ≥ 0 : `patientsSansMedecinTraitantAccompagnes`, `creneauxSoinsNonProgrammes`, `participationCampagnesPrevention`, `reunionsPluriprofessionnelles`, `projetsPluriprofessionnels`, `hospitalisationsEvitables` ; pourcentages de 0 à 100 : `tauxReponseSoinsNonProgrammes`, `couvertureVaccinale` | le rapport en PDF : `POST …/pieces` avec `categorie=RAPPORT` (facultatif) |

			`corrigerLettreIntention` se fait par `POST …/correction` avec la lettre corrigée.""";

	@Bean
	OpenAPI portailOpenApi() {
		return new OpenAPI()
			.info(new Info().title("API du portail des porteurs — Parcours CPTS").version("1").description(DESCRIPTION))
			.components(new Components()
				.addSecuritySchemes("basic",
						new SecurityScheme().type(SecurityScheme.Type.HTTP)
							.scheme("basic")
							.description("Identifiant et mot de passe du portail ; pas de jeton CSRF"))
				.addSecuritySchemes("session",
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.COOKIE)
							.name("JSESSIONID")
							.description("La session du portail ; POST et PUT portent l'en-tête X-CSRF-TOKEN")))
			.addSecurityItem(new SecurityRequirement().addList("basic"))
			.addSecurityItem(new SecurityRequirement().addList("session"));
	}

	@Bean
	OpenApiCustomizer erreursDocumentees(MessageSource messages) {
		return (openApi) -> {
			ModelConverters.getInstance()
				.read(ErreursJson.class)
				.forEach((name, schema) -> openApi.getComponents().addSchemas(name, schema));
			openApi.getPaths()
				.values()
				.forEach((path) -> path.readOperations().forEach((operation) -> erreurs(operation, messages)));
		};
	}

	private void erreurs(Operation operation, MessageSource messages) {
		List<Integer> propres = ERREURS.get(operation.getOperationId());
		if (propres == null) {
			return;
		}
		ApiResponses responses = operation.getResponses();
		Set<Integer> statuts = new java.util.TreeSet<>(COMMUNES);
		statuts.addAll(propres);
		Map<String, ApiResponse> erreurs = new LinkedHashMap<>();
		for (int statut : statuts) {
			Map<String, Object> corps = new LinkedHashMap<>();
			corps.put("message", messages.getMessage(EXEMPLES.get(statut), null, Locale.FRANCE));
			corps.put("erreurs",
					(statut == 400)
							? Map.of("nomComplet",
									messages.getMessage("portail.signature.nom.required", null, Locale.FRANCE))
							: Map.of());
			Example exemple = new Example().value(corps);
			erreurs.put(String.valueOf(statut),
					new ApiResponse().description(DESCRIPTIONS.get(statut))
						.content(new Content().addMediaType("application/json",
								new MediaType()
									.schema(new io.swagger.v3.oas.models.media.Schema<>()
										.$ref("#/components/schemas/" + SCHEMA_ERREURS))
									.addExamples("exemple", exemple))));
		}
		erreurs.forEach(responses::addApiResponse);
	}

	/** The fields of {@code completerDemandeFir}. */
	@Schema(name = "ChampsCompleterDemandeFir",
			description = "Tâche completerDemandeFir : la réponse à la question de l'ARS")
	record ChampsReponseFir(@Schema(description = "Réponse, 5 000 caractères au plus",
			example = "Le budget de coordination couvre 0,5 ETP sur deux ans.") String reponseFir) {
	}

	/**
	 * The fields of {@code deposerProjetSante} and {@code corrigerProjetSante}; the
	 * statuts are a STATUTS piece.
	 */
	@Schema(name = "ChampsProjetSante",
			description = "Tâches deposerProjetSante et corrigerProjetSante ; les statuts de l'association sont joints avant par POST …/pieces avec categorie=STATUTS (obligatoire)")
	record ChampsProjetSante(
			@Schema(description = "Missions et actions, obligatoire, 20 000 caractères au plus",
					requiredMode = Schema.RequiredMode.REQUIRED,
					example = "Accès aux soins : un médecin traitant pour chaque patient …") String missionsActions,
			@Schema(description = "Gouvernance, obligatoire, 20 000 caractères au plus",
					requiredMode = Schema.RequiredMode.REQUIRED,
					example = "Association loi 1901, bureau de six membres …") String gouvernance,
			@Schema(description = "Systèmes d'information, obligatoire, 20 000 caractères au plus",
					requiredMode = Schema.RequiredMode.REQUIRED,
					example = "Messagerie sécurisée de santé et agenda partagé.") String systemesInformation) {
	}

	/** The fields of {@code signerContratPorteur}. */
	@Schema(name = "ChampsSignerContratPorteur",
			description = "Tâche signerContratPorteur : le nom tapé, l'heure et l'adresse IP sont enregistrés")
	record ChampsSignature(@Schema(
			description = "Prénom et nom du signataire, tels qu'ils figurent au contrat (au moins deux mots, 200 caractères au plus)",
			requiredMode = Schema.RequiredMode.REQUIRED, example = "Camille Martin") String nomComplet,
			@Schema(description = "`true` pour signer le contrat au nom de la CPTS et en accepter les termes",
					requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "true",
					example = "true") String confirmation) {
	}

	/** The fields of {@code transmettreRapportActivite}; the PDF is a RAPPORT piece. */
	@Schema(name = "ChampsTransmettreRapportActivite",
			description = "Tâche transmettreRapportActivite ; le rapport en PDF se joint avant par POST …/pieces avec categorie=RAPPORT (facultatif)")
	record ChampsRapport(
			@Schema(description = "Le rapport d'activité, obligatoire, 20 000 caractères au plus",
					requiredMode = Schema.RequiredMode.REQUIRED,
					example = "Année 1 : 12 réunions, une campagne de vaccination …") String rapport,
			@Schema(description = "Entier ≥ 0", requiredMode = Schema.RequiredMode.REQUIRED,
					example = "120") String patientsSansMedecinTraitantAccompagnes,
			@Schema(description = "Entier ≥ 0", requiredMode = Schema.RequiredMode.REQUIRED,
					example = "300") String creneauxSoinsNonProgrammes,
			@Schema(description = "Pourcentage de 0 à 100", requiredMode = Schema.RequiredMode.REQUIRED,
					example = "85.5") String tauxReponseSoinsNonProgrammes,
			@Schema(description = "Entier ≥ 0", requiredMode = Schema.RequiredMode.REQUIRED,
					example = "450") String participationCampagnesPrevention,
			@Schema(description = "Pourcentage de 0 à 100", requiredMode = Schema.RequiredMode.REQUIRED,
					example = "62") String couvertureVaccinale,
			@Schema(description = "Entier ≥ 0", requiredMode = Schema.RequiredMode.REQUIRED,
					example = "12") String reunionsPluriprofessionnelles,
			@Schema(description = "Entier ≥ 0", requiredMode = Schema.RequiredMode.REQUIRED,
					example = "3") String projetsPluriprofessionnels,
			@Schema(description = "Entier ≥ 0", requiredMode = Schema.RequiredMode.REQUIRED,
					example = "40") String hospitalisationsEvitables) {
	}

}
