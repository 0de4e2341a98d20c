package fr.parcourscpts.agents;

import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code /agents}: the agent's dossiers, filtered, sorted and paged, and the filtered
 * list as CSV or XLSX. Each line links to {@code /agents/dossiers/{reference}}.
 */
@Controller
class MesDossiersController {

	static final String VUE_LISTE = "agents/liste";

	static final MediaType XLSX = MediaType
		.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

	static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

	private final ListeDossiers liste;

	private final ExportDossiers export;

	MesDossiersController(ListeDossiers liste, ExportDossiers export) {
		this.liste = liste;
		this.export = export;
	}

	@GetMapping("/agents")
	String liste(@RequestParam(required = false) String etape, @RequestParam(defaultValue = "false") boolean aTraiter,
			@RequestParam(defaultValue = "false") boolean echeanceProche,
			@RequestParam(required = false) String departement, @RequestParam(required = false) String q,
			@RequestParam(required = false) String tri, @RequestParam(required = false) String ordre,
			@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "0") int taille,
			Authentication authentication, Model model) {
		FiltreDossiers filtre = filtre(etape, aTraiter, echeanceProche, departement, q, tri, ordre, page, taille);
		ListeDossiers.Page resultat = this.liste.page(authentication.getName(), filtre);
		model.addAttribute("filtre", filtre);
		model.addAttribute("resultat", resultat);
		model.addAttribute("liens", new Liens(filtre));
		model.addAttribute("libelles", this.export);
		return VUE_LISTE;
	}

	@GetMapping("/agents/export.csv")
	ResponseEntity<byte[]> csv(@RequestParam(required = false) String etape,
			@RequestParam(defaultValue = "false") boolean aTraiter,
			@RequestParam(defaultValue = "false") boolean echeanceProche,
			@RequestParam(required = false) String departement, @RequestParam(required = false) String q,
			@RequestParam(required = false) String tri, @RequestParam(required = false) String ordre,
			Authentication authentication) {
		List<LigneDossier> lignes = this.liste.toutes(authentication.getName(),
				filtre(etape, aTraiter, echeanceProche, departement, q, tri, ordre, 1, 0));
		return fichier(this.export.csv(lignes), CSV, "csv");
	}

	@GetMapping("/agents/export.xlsx")
	ResponseEntity<byte[]> xlsx(@RequestParam(required = false) String etape,
			@RequestParam(defaultValue = "false") boolean aTraiter,
			@RequestParam(defaultValue = "false") boolean echeanceProche,
			@RequestParam(required = false) String departement, @RequestParam(required = false) String q,
			@RequestParam(required = false) String tri, @RequestParam(required = false) String ordre,
			Authentication authentication) {
		List<LigneDossier> lignes = this.liste.toutes(authentication.getName(),
				filtre(etape, aTraiter, echeanceProche, departement, q, tri, ordre, 1, 0));
		return fichier(this.export.xlsx(lignes), XLSX, "xlsx");
	}

	private static FiltreDossiers filtre(String etape, boolean aTraiter, boolean echeanceProche, String departement,
			String q, String tri, String ordre, int page, int taille) {
		return new FiltreDossiers(etape, aTraiter, echeanceProche, departement, q, FiltreDossiers.Tri.of(tri),
				"desc".equals(ordre), page, taille);
	}

	private static ResponseEntity<byte[]> fichier(byte[] contenu, MediaType type, String extension) {
		LocalDate jour = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), ListeDossiers.PARIS);
		String nom = "dossiers-" + jour + "." + extension;
		return ResponseEntity.ok()
			.contentType(type)
			.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(nom).build().toString())
			.header(HttpHeaders.CACHE_CONTROL, "no-store")
			.body(contenu);
	}

	/** The links of the page, each keeping the filter. */
	record Liens(FiltreDossiers filtre) {

		public String tri(String colonne) {
			boolean memeColonne = this.filtre.tri().name().equalsIgnoreCase(colonne);
			UriComponentsBuilder builder = builder("/agents").replaceQueryParam("tri", colonne.toLowerCase())
				.replaceQueryParam("ordre")
				.replaceQueryParam("page");
			if (memeColonne && !this.filtre.descendant()) {
				builder.queryParam("ordre", "desc");
			}
			return builder.build().encode().toUriString();
		}

		public String page(int numero) {
			return builder("/agents").replaceQueryParam("page", numero).build().encode().toUriString();
		}

		public String export(String extension) {
			return builder("/agents/export." + extension).replaceQueryParam("page")
				.replaceQueryParam("taille")
				.build()
				.encode()
				.toUriString();
		}

		private UriComponentsBuilder builder(String path) {
			UriComponentsBuilder builder = UriComponentsBuilder.fromPath(path);
			param(builder, "etape", this.filtre.etape());
			param(builder, "aTraiter", this.filtre.aTraiter() ? "true" : null);
			param(builder, "echeanceProche", this.filtre.echeanceProche() ? "true" : null);
			param(builder, "departement", this.filtre.departement());
			param(builder, "q", this.filtre.recherche());
			param(builder, "tri", this.filtre.tri().name().toLowerCase());
			param(builder, "ordre", this.filtre.descendant() ? "desc" : null);
			param(builder, "page", (this.filtre.page() > 1) ? String.valueOf(this.filtre.page()) : null);
			param(builder, "taille", (this.filtre.taille() != FiltreDossiers.TAILLE_PAR_DEFAUT)
					? String.valueOf(this.filtre.taille()) : null);
			return builder;
		}

		private static void param(UriComponentsBuilder builder, String name, String value) {
			if (value != null) {
				builder.queryParam(name, value);
			}
		}

	}

}
