package fr.parcourscpts.agents;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.parcourscpts.agents.LigneDossier.Echeance;
import fr.parcourscpts.dossier.DatesLegales;
import fr.parcourscpts.dossier.RechercheDossiers;
import fr.parcourscpts.dossier.RechercheDossiers.DossierSuivi;
import fr.parcourscpts.dossier.RechercheDossiers.Recherche;
import fr.parcourscpts.identity.Institution;
import fr.parcourscpts.portail.DossiersLecture;
import fr.parcourscpts.portail.Messagerie;
import fr.parcourscpts.territoire.Commune;
import fr.parcourscpts.territoire.TerritoireService;

/**
 * The dossiers of the agent's region in which their institution has a part, with the
 * step, its holder and the deadline that matters now: the use case behind {@code /agents}
 * and its exports.
 *
 * <p>
 * The region rule is applied here, not by the engine: the application queries the engine
 * without an engine authentication. The region is the user's Camunda tenant; an agent
 * sees the dossiers of that region where their institution has, or had, a task (a
 * candidate group link, open or in the history); a regional administrator sees every
 * dossier of the region.
 *
 * <p>
 * Why three SQL queries (the dossiers, read through the dossier module's
 * {@link RechercheDossiers}, then the open steps and the legal timers of the region)
 * rather than the engine's query API or a read table: to filter and sort on the step and
 * the deadline, the state of every dossier of the region is needed, not only of one page.
 * The task and job queries of the API return entities one per task (ten per dossier at
 * the URPS step, 100,000 at 10,000 dossiers) and no business key of the root dossier;
 * aggregated SQL on the engine's documented runtime tables returns one row per dossier
 * and step, in a few tens of milliseconds. A read table kept by the application would
 * need listeners on every task and timer of three models, and could drift from the
 * engine. The engine's tables are not its public API: the queries of its tasks and timers
 * are all in this class, and its tests run them on H2 and the PostgreSQL tests on
 * PostgreSQL.
 */
@Service
class ListeDossiers {

	static final ZoneId PARIS = DatesLegales.PARIS;

	private static final String ADMINISTRATEURS = Institution.ADMINISTRATEURS.groupId();

	/** An IN list must not be empty: a group id nobody has. */
	private static final String AUCUN_GROUPE = "-";

	private final JdbcClient jdbc;

	private final IdentityService identity;

	private final TerritoireService territoires;

	private final RechercheDossiers recherche;

	private final DossiersLecture lecture;

	private final Messagerie messagerie;

	ListeDossiers(JdbcClient jdbc, IdentityService identity, TerritoireService territoires, RechercheDossiers recherche,
			DossiersLecture lecture, Messagerie messagerie) {
		this.jdbc = jdbc;
		this.identity = identity;
		this.territoires = territoires;
		this.recherche = recherche;
		this.lecture = lecture;
		this.messagerie = messagerie;
	}

	/** Who asks: their region (tenant) and their institutions' groups. */
	record Agent(String userId, String region, Set<String> groupes) {

		boolean administrateur() {
			return this.groupes.contains(ADMINISTRATEURS);
		}

		/** The institutions that are a side of the dossiers' conversations. */
		Set<String> groupesAgents() {
			return this.groupes.stream()
				.filter((id) -> Institution.ofGroupId(id).filter(Institution::isAgent).isPresent())
				.collect(Collectors.toSet());
		}

		List<String> groupesOuAucun() {
			return this.groupes.isEmpty() ? List.of(AUCUN_GROUPE) : List.copyOf(this.groupes);
		}

	}

	/** One page of the list, and what the filters offer. */
	record Page(List<LigneDossier> lignes, int numero, int taille, int total, Map<String, String> etapes,
			List<String> departements) {

		public int pages() {
			return Math.max(1, (this.total + this.taille - 1) / this.taille);
		}

	}

	Agent agent(String userId) {
		List<Tenant> tenants = this.identity.createTenantQuery().userMember(userId).list();
		// One region per agent; none (or several, a misconfiguration) sees nothing.
		String region = (tenants.size() == 1) ? tenants.get(0).getId() : null;
		Set<String> groupes = this.identity.createGroupQuery()
			.groupMember(userId)
			.list()
			.stream()
			.map(Group::getId)
			.filter((id) -> Institution.ofGroupId(id).filter(ListeDossiers::voitDesDossiers).isPresent())
			.collect(Collectors.toSet());
		return new Agent(userId, region, groupes);
	}

	private static boolean voitDesDossiers(Institution institution) {
		return institution.isAgent() || institution.kind() == Institution.Kind.ADMINISTRATOR;
	}

	@Transactional(readOnly = true)
	Page page(String userId, FiltreDossiers filtre) {
		Agent agent = agent(userId);
		List<LigneDossier> visibles = visibles(agent, filtre.recherche());
		Map<String, String> etapes = new TreeMap<>();
		visibles.forEach((ligne) -> etapes.putIfAbsent(ligne.etape(), ligne.libelleEtape()));
		List<String> departements = visibles.stream()
			.map(LigneDossier::departement)
			.filter(Objects::nonNull)
			.distinct()
			.sorted()
			.toList();
		List<LigneDossier> filtrees = filtrer(visibles, filtre);
		int debut = Math.min((filtre.page() - 1) * filtre.taille(), filtrees.size());
		int fin = Math.min(debut + filtre.taille(), filtrees.size());
		return new Page(List.copyOf(filtrees.subList(debut, fin)), filtre.page(), filtre.taille(), filtrees.size(),
				etapes, departements);
	}

	/** Every line of the filtered list, in its order (the exports). */
	@Transactional(readOnly = true)
	List<LigneDossier> toutes(String userId, FiltreDossiers filtre) {
		return filtrer(visibles(agent(userId), filtre.recherche()), filtre);
	}

	/**
	 * Every dossier of the region with its state, as the region's administrator sees
	 * them, matching the search (the statistics: figures, never one dossier's content).
	 */
	@Transactional(readOnly = true)
	List<LigneDossier> region(String region, String recherche) {
		return visibles(new Agent(null, region, Set.of(ADMINISTRATEURS)), recherche);
	}

	private List<LigneDossier> filtrer(List<LigneDossier> lignes, FiltreDossiers filtre) {
		return lignes.stream()
			.filter((ligne) -> filtre.etape() == null || filtre.etape().equals(ligne.etape()))
			.filter((ligne) -> !filtre.aTraiter() || ligne.aTraiter())
			.filter((ligne) -> !filtre.echeanceProche()
					|| (ligne.joursRestants() != null && ligne.joursRestants() <= FiltreDossiers.JOURS_ECHEANCE_PROCHE))
			.filter((ligne) -> filtre.departement() == null || filtre.departement().equals(ligne.departement()))
			.sorted(ordre(filtre))
			.toList();
	}

	private static Comparator<LigneDossier> ordre(FiltreDossiers filtre) {
		Comparator<LigneDossier> colonne = switch (filtre.tri()) {
			case REFERENCE -> Comparator.comparing(LigneDossier::reference);
			case NOM -> Comparator.comparing((LigneDossier ligne) -> ligne.nomCpts().toLowerCase(Locale.FRENCH));
			case DEPARTEMENT -> nullsLast(LigneDossier::departement);
			case ETAPE -> nullsLast((LigneDossier ligne) -> (ligne.libelleEtape() != null) ? ligne.libelleEtape()
					: "\uffff" + ligne.etape());
			case ECHEANCE -> nullsLast(LigneDossier::joursRestants);
			case DEPOT -> Comparator.comparing(LigneDossier::deposeLe);
		};
		if (filtre.descendant()) {
			colonne = colonne.reversed();
		}
		// A stable order within equal values, so that pages do not overlap.
		return colonne.thenComparing(LigneDossier::reference);
	}

	private static <U extends Comparable<? super U>> Comparator<LigneDossier> nullsLast(Function<LigneDossier, U> key) {
		return Comparator.comparing(key, Comparator.nullsLast(Comparator.naturalOrder()));
	}

	/** The dossiers the agent may see, matching the search, with their state. */
	private List<LigneDossier> visibles(Agent agent, String recherche) {
		if (agent.region() == null || agent.groupes().isEmpty()) {
			return List.of();
		}
		List<DossierSuivi> dossiers = dossiers(agent, recherche);
		if (dossiers.isEmpty()) {
			return List.of();
		}
		Map<String, List<Etape>> etapes = etapesOuvertes(agent);
		Map<String, List<Delai>> delais = delaisLegaux(agent.region());
		Map<String, Integer> nonLus = this.messagerie.nonLusParLesInstitutions(agent.groupesAgents());
		LocalDate aujourdhui = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), PARIS);
		List<LigneDossier> lignes = new ArrayList<>(dossiers.size());
		for (DossierSuivi dossier : dossiers) {
			lignes.add(ligne(dossier, etapes.getOrDefault(dossier.processInstanceId(), List.of()),
					delais.getOrDefault(dossier.processInstanceId(), List.of()),
					nonLus.getOrDefault(dossier.reference(), 0), aujourdhui));
		}
		return lignes;
	}

	private static LigneDossier ligne(DossierSuivi dossier, List<Etape> etapes, List<Delai> delais, int nonLus,
			LocalDate aujourdhui) {
		boolean aTraiter = etapes.stream().anyMatch(Etape::miennes);
		// The step that comes due first; ties by activity id, for a stable answer.
		Etape courante = etapes.stream()
			.min(Comparator.comparing(Etape::echeance, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(Etape::activite))
			.orElse(null);
		Echeance echeance = delais.stream()
			.min(Comparator.comparing(Delai::echeance))
			.map((delai) -> echeance(delai.type(), dernierJour(delai.echeance()), aujourdhui))
			.orElse((courante != null && courante.echeance() != null)
					? echeance(Echeance.Type.TACHE, courante.echeance(), aujourdhui) : null);
		if (courante == null) {
			String etape = dossier.actif() ? FiltreDossiers.EN_ATTENTE : FiltreDossiers.TERMINE;
			return new LigneDossier(dossier.reference(), dossier.nomCpts(), dossier.departement(), dossier.deposeLe(),
					dossier.processInstanceId(), etape, null, null, false, 0, false, echeance, nonLus);
		}
		boolean unSeulGroupe = Objects.equals(courante.groupe(), courante.groupeMax());
		String groupe = (courante.groupe() != null && unSeulGroupe) ? courante.groupe() : null;
		boolean porteur = courante.groupe() == null && courante.attributaire() != null;
		return new LigneDossier(dossier.reference(), dossier.nomCpts(), dossier.departement(), dossier.deposeLe(),
				dossier.processInstanceId(), courante.activite(), courante.nom(), groupe, porteur, courante.taches(),
				aTraiter, echeance, nonLus);
	}

	/**
	 * A legal timer is due at 00:00 Paris after the deadline's last day
	 * (dossier.DatesLegales): the day shown is that last day.
	 */
	private static Timestamp dernierJour(Timestamp finDuDelai) {
		return Timestamp.from(finDuDelai.toInstant().minusMillis(1));
	}

	private static Echeance echeance(Echeance.Type type, Timestamp date, LocalDate aujourdhui) {
		LocalDate jour = LocalDate.ofInstant(date.toInstant(), PARIS);
		return new Echeance(type, jour, ChronoUnit.DAYS.between(aujourdhui, jour));
	}

	/** The open tasks of one activity of a dossier, aggregated. */
	private record Etape(String activite, String nom, Timestamp echeance, int taches, String groupe, String groupeMax,
			String attributaire, boolean miennes) {
	}

	private record Delai(Echeance.Type type, Timestamp echeance) {
	}

	private List<DossierSuivi> dossiers(Agent agent, String recherche) {
		Set<String> groupes = agent.administrateur() ? null : agent.groupes();
		List<Long> parCommune = (recherche != null) ? this.lecture.couvrant(communes(recherche)) : List.of();
		return this.recherche.recherche(new Recherche(agent.region(), groupes, recherche, parCommune));
	}

	/** The communes the search names: an INSEE code as typed, or communes by name. */
	private List<String> communes(String recherche) {
		if (recherche.matches("[0-9][0-9AB][0-9]{3}")) {
			return List.of(recherche.toUpperCase(Locale.ROOT));
		}
		if (recherche.length() < 3) {
			return List.of();
		}
		return this.territoires.search(recherche, 50).stream().map(Commune::code).toList();
	}

	/**
	 * The open tasks of the region per root instance (the dossier's) and activity: one
	 * row per dossier and step, whatever the number of tasks.
	 */
	private Map<String, List<Etape>> etapesOuvertes(Agent agent) {
		return this.jdbc.sql("""
				select e.ROOT_PROC_INST_ID_ as racine, t.TASK_DEF_KEY_ as activite, min(t.NAME_) as nom,
				  min(t.DUE_DATE_) as echeance, count(distinct t.ID_) as taches,
				  min(i.GROUP_ID_) as groupe, max(i.GROUP_ID_) as groupe_max, min(t.ASSIGNEE_) as attributaire,
				  sum(case when i.GROUP_ID_ in (:groupes) then 1 else 0 end) as miennes
				from ACT_RU_TASK t
				join ACT_RU_EXECUTION e on e.ID_ = t.PROC_INST_ID_
				left join ACT_RU_IDENTITYLINK i on i.TASK_ID_ = t.ID_ and i.TYPE_ = 'candidate'
				where t.TENANT_ID_ = :region
				group by e.ROOT_PROC_INST_ID_, t.TASK_DEF_KEY_
				""")
			.param("region", agent.region())
			.param("groupes", agent.groupesOuAucun())
			.query((rs, row) -> Map.entry(rs.getString("racine"), etape(rs)))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

	private static Etape etape(ResultSet rs) throws SQLException {
		return new Etape(rs.getString("activite"), rs.getString("nom"), rs.getTimestamp("echeance"),
				rs.getInt("taches"), rs.getString("groupe"), rs.getString("groupe_max"), rs.getString("attributaire"),
				rs.getLong("miennes") > 0);
	}

	/**
	 * The legal deadlines of the region: the engine's timers of the four legal events.
	 */
	private Map<String, List<Delai>> delaisLegaux(String region) {
		Map<String, Echeance.Type> parTimer = Arrays.stream(Echeance.Type.values())
			.filter((type) -> type.timer() != null)
			.collect(Collectors.toMap(Echeance.Type::timer, Function.identity()));
		return this.jdbc.sql("""
				select e.ROOT_PROC_INST_ID_ as racine, jd.ACT_ID_ as activite, min(j.DUEDATE_) as echeance
				from ACT_RU_JOB j
				join ACT_RU_JOBDEF jd on jd.ID_ = j.JOB_DEF_ID_
				join ACT_RU_EXECUTION e on e.ID_ = j.PROCESS_INSTANCE_ID_
				where j.TENANT_ID_ = :region and j.TYPE_ = 'timer' and jd.ACT_ID_ in (:timers)
				group by e.ROOT_PROC_INST_ID_, jd.ACT_ID_
				""")
			.param("region", region)
			.param("timers", List.copyOf(parTimer.keySet()))
			.query((rs, row) -> Map.entry(rs.getString("racine"),
					new Delai(parTimer.get(rs.getString("activite")), rs.getTimestamp("echeance"))))
			.list()
			.stream()
			.collect(Collectors.groupingBy(Map.Entry::getKey,
					Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
	}

}
