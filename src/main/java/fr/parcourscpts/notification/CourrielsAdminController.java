package fr.parcourscpts.notification;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Where administrators read every mail of the service, whatever became of it (sent,
 * pending, failed with the error), and re-queue one. National administrators
 * ({@code camunda-admin}) see all; regional administrators only the mails of their
 * region's dossiers. The access to {@code /admin/**} is limited in the security
 * configuration.
 */
@Controller
class CourrielsAdminController {

	static final String VIEW_LIST = "notification/courriels";

	static final String VIEW_ONE = "notification/courriel";

	static final int PAGE_SIZE = 50;

	private static final Set<String> STATUSES = Set.of(MailOutbox.PENDING, MailOutbox.SENT, MailOutbox.FAILED);

	private final JdbcClient jdbc;

	CourrielsAdminController(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One row of the list. */
	record Ligne(long id, String destinataires, String sujet, String statut, int tentatives, String erreur,
			OffsetDateTime creeLe, OffsetDateTime envoyeLe) {
	}

	/** One mail in full. */
	record Courriel(long id, String destinataires, String sujet, String statut, int tentatives, String erreur,
			OffsetDateTime creeLe, OffsetDateTime envoyeLe, String html, String texte, List<String> piecesJointes) {
	}

	@GetMapping("/admin/courriels")
	String list(@RequestParam(name = "statut", required = false) String statut,
			@RequestParam(name = "page", defaultValue = "0") int page, Authentication authentication, Model model) {
		String status = (statut != null && STATUSES.contains(statut)) ? statut : null;
		int current = Math.max(page, 0);
		Scope scope = Scope.of(authentication);
		String where = "where " + scope.condition() + ((status != null) ? " and statut = :status" : "");
		JdbcClient.StatementSpec query = this.jdbc.sql("""
				select id, destinataires, sujet, statut, tentatives, derniere_erreur, created_at, sent_at
				from courriel %s
				order by created_at desc, id desc
				offset %d rows fetch next %d rows only
				""".formatted(where, current * PAGE_SIZE, PAGE_SIZE + 1));
		if (status != null) {
			query = query.param("status", status);
		}
		query = query.params(scope.params());
		List<Ligne> lignes = query
			.query((rs, n) -> new Ligne(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5),
					rs.getString(6), rs.getObject(7, OffsetDateTime.class), rs.getObject(8, OffsetDateTime.class)))
			.list();
		model.addAttribute("lignes", lignes.subList(0, Math.min(PAGE_SIZE, lignes.size())));
		model.addAttribute("statut", status);
		model.addAttribute("statuts", List.of(MailOutbox.PENDING, MailOutbox.SENT, MailOutbox.FAILED));
		model.addAttribute("page", current);
		model.addAttribute("suivante", lignes.size() > PAGE_SIZE);
		return VIEW_LIST;
	}

	@GetMapping("/admin/courriels/{id}")
	String show(@PathVariable long id, Authentication authentication, Model model) {
		Scope scope = Scope.of(authentication);
		Courriel courriel = this.jdbc.sql("""
				select id, destinataires, sujet, statut, tentatives, derniere_erreur, created_at, sent_at,
				       corps_html, corps_texte
				from courriel where id = :id and %s
				""".formatted(scope.condition()))
			.param("id", id)
			.params(scope.params())
			.query((rs, n) -> new Courriel(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getInt(5), rs.getString(6), rs.getObject(7, OffsetDateTime.class),
					rs.getObject(8, OffsetDateTime.class), rs.getString(9), rs.getString(10), attachmentsOf(id)))
			.optional()
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("courriel", courriel);
		return VIEW_ONE;
	}

	@PostMapping("/admin/courriels/{id}/renvoyer")
	@Transactional
	String resend(@PathVariable long id, Authentication authentication) {
		Scope scope = Scope.of(authentication);
		int updated = this.jdbc.sql("""
				update courriel set statut = :pending, tentatives = 0, prochain_essai = :now, derniere_erreur = null,
				                    sent_at = null
				where id = :id and statut in (:sent, :failed) and %s
				""".formatted(scope.condition()))
			.param("pending", MailOutbox.PENDING)
			.param("now", OffsetDateTime.now())
			.param("id", id)
			.param("sent", MailOutbox.SENT)
			.param("failed", MailOutbox.FAILED)
			.params(scope.params())
			.update();
		if (updated == 0) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		return "redirect:/admin/courriels/" + id + "?renvoye";
	}

	private List<String> attachmentsOf(long id) {
		return this.jdbc.sql("select nom_fichier from courriel_piece_jointe where courriel_id = :id order by id")
			.param("id", id)
			.query(String.class)
			.list();
	}

	/** Which mails an administrator sees. */
	private record Scope(boolean all, List<String> regions) {

		String condition() {
			return this.all ? "1 = 1" : "region in (:regions)";
		}

		Map<String, Object> params() {
			return this.all ? Map.of() : Map.of("regions", this.regions);
		}

		static Scope of(Authentication authentication) {
			List<String> authorities = authentication.getAuthorities()
				.stream()
				.map(GrantedAuthority::getAuthority)
				.toList();
			List<String> regions = authorities.stream()
				.filter((authority) -> authority.startsWith("REGION_"))
				.map((authority) -> authority.substring("REGION_".length()))
				.toList();
			// "in ()" is not valid SQL: an impossible region stands for none.
			return new Scope(authorities.contains("GROUP_camunda-admin"), regions.isEmpty() ? List.of("-") : regions);
		}

	}

}
