package fr.parcourscpts.agents;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.parcourscpts.agents.LigneDossier.Echeance;
import fr.parcourscpts.intention.CreationProcess;

/**
 * The figures of a region: dossiers per current step, median days per step (the engine's
 * history of the completed tasks), tacit validations and implicit refusals of the FIR
 * (the history of the two legal timers), deadlines in the next 30 days. Figures only, of
 * every dossier of the region (what a dossier holds stays behind its own rule,
 * {@link VisibiliteDossier}).
 *
 * <p>
 * The dossiers and their current state come from {@link ListeDossiers} (the same queries
 * as the list, so that a step counted here is the step shown there); the history is read
 * with two aggregated SQL queries on the engine's history tables, filtered by the
 * region's tenant.
 */
@Service
class StatistiquesRegion {

	static final int JOURS_ECHEANCES = 30;

	private static final BigDecimal MILLIS_PAR_JOUR = BigDecimal.valueOf(86_400_000L);

	private final ListeDossiers liste;

	private final JdbcClient jdbc;

	StatistiquesRegion(ListeDossiers liste, JdbcClient jdbc) {
		this.liste = liste;
		this.jdbc = jdbc;
	}

	/**
	 * @param dossiers the region's dossiers matching the search
	 * @param parEtape dossiers per current step, the most numerous first
	 * @param delais median days per step, of the tasks completed
	 * @param echeances deadlines in the next {@value #JOURS_ECHEANCES} days (today
	 * included), per type, in the order of the type
	 */
	record Statistiques(String region, int dossiers, List<ParEtape> parEtape, List<DelaiEtape> delais,
			long validationsTacites, long refusImplicitesFir, Map<Echeance.Type, Integer> echeances) {

		public int joursEcheances() {
			return JOURS_ECHEANCES;
		}

		public int echeancesTotal() {
			return this.echeances.values().stream().mapToInt(Integer::intValue).sum();
		}

		/** The largest bar of the chart. */
		public int maximum() {
			return this.parEtape.stream().mapToInt(ParEtape::dossiers).max().orElse(0);
		}

	}

	/** A current step and its dossiers; {@code exemple} gives the step's label. */
	record ParEtape(String etape, LigneDossier exemple, int dossiers) {
	}

	/**
	 * One step of the history.
	 *
	 * @param taches the completed tasks counted
	 * @param medianeJours the median of their durations in days, one decimal
	 */
	record DelaiEtape(String activite, String libelle, int taches, BigDecimal medianeJours) {
	}

	@Transactional(readOnly = true)
	Statistiques statistiques(String region, String recherche) {
		List<LigneDossier> lignes = this.liste.region(region, recherche);
		Set<String> instances = lignes.stream().map(LigneDossier::processInstanceId).collect(Collectors.toSet());
		return new Statistiques(region, lignes.size(), parEtape(lignes), delais(region, instances),
				evenements(region, instances, CreationProcess.VALIDATION_TACITE_ACQUISE),
				evenements(region, instances, CreationProcess.DELAI_DECISION_FIR_ECOULE), echeances(lignes));
	}

	private static List<ParEtape> parEtape(List<LigneDossier> lignes) {
		Map<String, List<LigneDossier>> parEtape = lignes.stream()
			.collect(Collectors.groupingBy(LigneDossier::etape, LinkedHashMap::new, Collectors.toList()));
		List<ParEtape> etapes = new ArrayList<>();
		parEtape.forEach((etape, dossiers) -> etapes.add(new ParEtape(etape, dossiers.get(0), dossiers.size())));
		etapes.sort(Comparator.comparing(ParEtape::dossiers).reversed().thenComparing(ParEtape::etape));
		return etapes;
	}

	private static Map<Echeance.Type, Integer> echeances(List<LigneDossier> lignes) {
		Map<Echeance.Type, Integer> echeances = new EnumMap<>(Echeance.Type.class);
		for (LigneDossier ligne : lignes) {
			Long jours = ligne.joursRestants();
			if (jours != null && jours >= 0 && jours <= JOURS_ECHEANCES) {
				echeances.merge(ligne.echeance().type(), 1, Integer::sum);
			}
		}
		return echeances;
	}

	/** A task counts once it is completed (not cancelled by a timer or a correction). */
	private List<DelaiEtape> delais(String region, Set<String> instances) {
		record Tache(String racine, String activite, String nom, Timestamp debut, Timestamp fin) {
		}
		List<Tache> taches = this.jdbc.sql("""
				select t.ROOT_PROC_INST_ID_ as racine, t.TASK_DEF_KEY_ as activite, t.NAME_ as nom,
				  t.START_TIME_ as debut, t.END_TIME_ as fin
				from ACT_HI_TASKINST t
				where t.TENANT_ID_ = :region and t.END_TIME_ is not null and t.DELETE_REASON_ = 'completed'
				""")
			.param("region", region)
			.query((rs, row) -> new Tache(rs.getString("racine"), rs.getString("activite"), rs.getString("nom"),
					rs.getTimestamp("debut"), rs.getTimestamp("fin")))
			.list();
		Map<String, List<Long>> durees = new TreeMap<>();
		Map<String, String> noms = new HashMap<>();
		for (Tache tache : taches) {
			if (instances.contains(tache.racine())) {
				durees.computeIfAbsent(tache.activite(), (a) -> new ArrayList<>())
					.add(tache.fin().getTime() - tache.debut().getTime());
				noms.merge(tache.activite(), (tache.nom() != null) ? tache.nom() : tache.activite(),
						(a, b) -> (a.compareTo(b) <= 0) ? a : b);
			}
		}
		List<DelaiEtape> delais = new ArrayList<>();
		durees.forEach((activite, millis) -> delais
			.add(new DelaiEtape(activite, noms.get(activite), millis.size(), medianeEnJours(millis))));
		delais.sort(Comparator.comparing(DelaiEtape::libelle).thenComparing(DelaiEtape::activite));
		return delais;
	}

	/** The median of durations in milliseconds, in days rounded to one decimal. */
	static BigDecimal medianeEnJours(List<Long> millis) {
		List<Long> triees = millis.stream().sorted().toList();
		int milieu = triees.size() / 2;
		BigDecimal mediane = (triees.size() % 2 == 1) ? BigDecimal.valueOf(triees.get(milieu))
				: BigDecimal.valueOf(triees.get(milieu - 1))
					.add(BigDecimal.valueOf(triees.get(milieu)))
					.divide(BigDecimal.valueOf(2));
		return mediane.divide(MILLIS_PAR_JOUR, 1, RoundingMode.HALF_UP);
	}

	/** The dossiers in which the event (a legal timer) happened. */
	private long evenements(String region, Set<String> instances, String activite) {
		return this.jdbc.sql("""
				select distinct a.ROOT_PROC_INST_ID_ from ACT_HI_ACTINST a
				where a.TENANT_ID_ = :region and a.ACT_ID_ = :activite
				""")
			.param("region", region)
			.param("activite", activite)
			.query(String.class)
			.list()
			.stream()
			.filter(instances::contains)
			.count();
	}

}
