package fr.parcourscpts.dossier;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes the application's rows of the dossiers whose retention has passed, as the
 * engine's history cleanup removes their history: the same time to live (the
 * {@code historyTimeToLive} of the creation model, 10 years after the dossier's end) and
 * the same nightly window ({@link PurgeSchedule}).
 *
 * <p>
 * A dossier is purged only when no instance of its process is running (the creation, the
 * contract, the evaluations: they share the dossier's reference as business key), every
 * instance of its history has ended and its removal time has passed, and it was created
 * longer ago than the time to live. The last condition stands for the history once the
 * engine has cleaned it (nothing left to read the end from): a dossier ends after it
 * starts, so its removal time is never earlier.
 *
 * <p>
 * Two nodes share the work as the mail outbox does: each dossier is purged in a
 * transaction of its own that holds its row ({@code FOR UPDATE}; {@code SKIP LOCKED} on
 * PostgreSQL) and checks the conditions again, so one node purges a given dossier and a
 * failure leaves the dossier whole. The rows go through each module's
 * {@link DonneesDossier}; each run is recorded in {@code purge_passage} with counts only.
 * The same run then removes what the modules keep about no dossier once its own retention
 * has passed ({@link DonneesSansDossier}: the accounts' mails).
 */
@Service
class PurgeDossiers {

	private static final Logger logger = LoggerFactory.getLogger(PurgeDossiers.class);

	/** The root model of a dossier: its time to live is the dossier's retention. */
	static final String PROCESSUS = "cpts-creation";

	/** A run of the purge, as administrators read it. */
	record Passage(String noeud, OffsetDateTime debut, OffsetDateTime fin, int examines, int purges, int lignes,
			String detail) {
	}

	private final JdbcClient jdbc;

	private final Dossiers dossiers;

	private final List<DonneesDossier> modules;

	private final List<DonneesSansDossier> horsDossier;

	private final RuntimeService runtime;

	private final HistoryService history;

	private final RepositoryService repository;

	private final TransactionTemplate transaction;

	private final String lockClause;

	private final int lot;

	private final String noeud;

	PurgeDossiers(JdbcClient jdbc, Dossiers dossiers, List<DonneesDossier> modules,
			List<DonneesSansDossier> horsDossier, RuntimeService runtime, HistoryService history,
			RepositoryService repository, PlatformTransactionManager transactions, DataSource dataSource,
			@Value("${parcours.purge.lot:100}") int lot) {
		this.jdbc = jdbc;
		this.dossiers = dossiers;
		this.modules = List.copyOf(modules);
		this.horsDossier = List.copyOf(horsDossier);
		this.runtime = runtime;
		this.history = history;
		this.repository = repository;
		this.transaction = new TransactionTemplate(transactions);
		this.lockClause = isPostgres(dataSource) ? "for update skip locked" : "for update";
		this.lot = Math.max(1, lot);
		this.noeud = hostName();
	}

	/** Every table the purge empties of a dossier's rows: the modules' and this one's. */
	List<String> tables() {
		List<String> tables = new ArrayList<>();
		this.modules.forEach((module) -> tables.addAll(module.tables()));
		tables.addAll(List.of("dossier_membre", "dossier"));
		return tables;
	}

	/**
	 * One run: every dossier whose retention has passed, read in batches of
	 * {@code parcours.purge.lot} by increasing id (a dossier kept, e.g. its contract
	 * still running, is not read again in the same run). The run is recorded.
	 */
	Passage purger() {
		OffsetDateTime debut = OffsetDateTime.now(DatesLegales.PARIS);
		Instant maintenant = ClockUtil.getCurrentTime().toInstant();
		Optional<Duration> retention = retention();
		Map<String, Integer> lignes = new LinkedHashMap<>();
		int examines = 0;
		int purges = 0;
		if (retention.isEmpty()) {
			logger.warn("Purge des dossiers : modèle {} sans historyTimeToLive, rien n'est purgé", PROCESSUS);
		}
		else {
			OffsetDateTime creeAvant = maintenant.minus(retention.get()).atOffset(debut.getOffset());
			long apres = 0;
			while (true) {
				List<Long> ids = this.jdbc
					.sql("select id from dossier where id > :apres and created_at <= :avant order by id fetch first "
							+ this.lot + " rows only")
					.param("apres", apres)
					.param("avant", creeAvant)
					.query(Long.class)
					.list();
				for (Long id : ids) {
					examines++;
					Map<String, Integer> supprimees = this.transaction
						.execute((status) -> purgerSiEchu(id, creeAvant, maintenant));
					if (supprimees != null) {
						purges++;
						supprimees.forEach((table, n) -> lignes.merge(table, n, Integer::sum));
					}
				}
				if (ids.size() < this.lot) {
					break;
				}
				apres = ids.get(ids.size() - 1);
			}
		}
		// their retention is their module's, not the model's: purged even without one
		for (DonneesSansDossier module : this.horsDossier) {
			Map<String, Integer> supprimees = this.transaction.execute((status) -> module.purger(maintenant));
			supprimees.forEach((table, n) -> lignes.merge(table, n, Integer::sum));
		}
		return enregistrer(debut, examines, purges, lignes);
	}

	/**
	 * The dossier's rows deleted, or {@code null} when it stays: taken by another node,
	 * already gone, or its retention not passed.
	 */
	private Map<String, Integer> purgerSiEchu(long id, OffsetDateTime creeAvant, Instant maintenant) {
		boolean tenu = !this.jdbc
			.sql("select id from dossier where id = :id and created_at <= :avant " + this.lockClause)
			.param("id", id)
			.param("avant", creeAvant)
			.query(Long.class)
			.list()
			.isEmpty();
		if (!tenu) {
			return null;
		}
		Dossiers.Dossier dossier = this.dossiers.byId(id).orElseThrow();
		if (!retentionEchue(dossier, maintenant)) {
			return null;
		}
		Map<String, Integer> lignes = new LinkedHashMap<>();
		for (DonneesDossier module : this.modules) {
			module.purger(dossier).forEach((table, n) -> lignes.merge(table, n, Integer::sum));
		}
		lignes.put("dossier_membre",
				this.jdbc.sql("delete from dossier_membre where dossier_id = :id").param("id", id).update());
		lignes.put("dossier", this.jdbc.sql("delete from dossier where id = :id").param("id", id).update());
		return lignes;
	}

	/**
	 * No instance of the dossier runs, and every instance of its history has ended and
	 * passed its removal time (an instance without removal time is never removed by the
	 * engine: neither is the dossier).
	 */
	boolean retentionEchue(Dossiers.Dossier dossier, Instant maintenant) {
		if (this.runtime.createProcessInstanceQuery().processInstanceBusinessKey(dossier.reference()).count() > 0) {
			return false;
		}
		List<HistoricProcessInstance> instances = new ArrayList<>(this.history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(dossier.reference())
			.list());
		if (dossier.processInstanceId() != null) {
			if (this.runtime.createProcessInstanceQuery().processInstanceId(dossier.processInstanceId()).count() > 0) {
				return false;
			}
			instances.addAll(this.history.createHistoricProcessInstanceQuery()
				.processInstanceId(dossier.processInstanceId())
				.list());
		}
		return instances.stream()
			.allMatch((instance) -> instance.getEndTime() != null && instance.getRemovalTime() != null
					&& !instance.getRemovalTime().toInstant().isAfter(maintenant));
	}

	/** The creation model's time to live, the retention of a dossier. */
	Optional<Duration> retention() {
		ProcessDefinition creation = this.repository.createProcessDefinitionQuery()
			.processDefinitionKey(PROCESSUS)
			.latestVersion()
			.withoutTenantId()
			.singleResult();
		Integer jours = (creation != null) ? creation.getHistoryTimeToLive() : null;
		return Optional.ofNullable(jours).map(Duration::ofDays);
	}

	/** The last runs, newest first. */
	List<Passage> derniers(int nombre) {
		return this.jdbc
			.sql("select noeud, debut, fin, examines, purges, lignes, detail from purge_passage"
					+ " order by debut desc, id desc fetch first " + nombre + " rows only")
			.query((rs, n) -> new Passage(rs.getString(1), rs.getObject(2, OffsetDateTime.class),
					rs.getObject(3, OffsetDateTime.class), rs.getInt(4), rs.getInt(5), rs.getInt(6), rs.getString(7)))
			.list();
	}

	private Passage enregistrer(OffsetDateTime debut, int examines, int purges, Map<String, Integer> lignes) {
		int total = lignes.values().stream().mapToInt(Integer::intValue).sum();
		String detail = lignes.entrySet()
			.stream()
			.filter((entry) -> entry.getValue() > 0)
			.map((entry) -> entry.getKey() + " " + entry.getValue())
			.collect(Collectors.joining(", "));
		Passage passage = new Passage(this.noeud, debut, OffsetDateTime.now(DatesLegales.PARIS), examines, purges,
				total, detail);
		this.jdbc.sql("""
				insert into purge_passage (noeud, debut, fin, examines, purges, lignes, detail)
				values (:noeud, :debut, :fin, :examines, :purges, :lignes, :detail)""")
			.param("noeud", passage.noeud())
			.param("debut", passage.debut())
			.param("fin", passage.fin())
			.param("examines", examines)
			.param("purges", purges)
			.param("lignes", total)
			.param("detail", (detail.length() > 2000) ? detail.substring(0, 2000) : detail)
			.update();
		// counts only: the log says how much left, not whose
		logger.info("Purge des dossiers échus : {} examinés, {} purgés, {} lignes supprimées ({})", examines, purges,
				total, detail);
		return passage;
	}

	private static boolean isPostgres(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Base de données inaccessible", ex);
		}
	}

	private static String hostName() {
		try {
			// the pid tells two nodes on one host apart
			return InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid();
		}
		catch (UnknownHostException ex) {
			return "inconnu/" + ProcessHandle.current().pid();
		}
	}

}
