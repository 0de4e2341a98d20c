package fr.parcourscpts.dossier;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The dossiers: the one owner of the {@code dossier} table. A dossier is created with its
 * reference (numbered here), read by its reference, linked to the process instance that
 * carries it; its members are {@link DossierMembers}. The reference is the one identifier
 * of a dossier outside this module, in URLs and mails alike; the numeric id stays inside
 * the application's tables.
 */
@Service
public class Dossiers {

	private static final Duration COUNTER_WAIT = Duration.ofSeconds(10);

	/** A dossier as every module may read it. */
	public record Dossier(long id, String reference, String region, String nomCpts, String porteur,
			String processInstanceId, OffsetDateTime creeLe) {
	}

	private final JdbcClient jdbc;

	private final DossierMembers members;

	private final TransactionTemplate newTransaction;

	private final Clock clock;

	public Dossiers(JdbcClient jdbc, DossierMembers members, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.members = members;
		this.newTransaction = new TransactionTemplate(transactions);
		this.newTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = Clock.system(DatesLegales.PARIS);
	}

	/**
	 * The next reference of the region and year, {@code CPTS-76-2026-0007}: the number is
	 * taken in a short transaction of its own, committed before the caller's continues.
	 * The increment locks the counter's row, so two dossiers never get the same number
	 * (and the unique reference of {@code dossier} would refuse one that did). A creation
	 * that fails afterwards leaves a gap, never a number given twice.
	 *
	 * <p>
	 * Why not inside the creating transaction: that held the row's lock for the whole
	 * sending of a lettre (process start, mails), and a burst of sendings failed on H2's
	 * lock timeout (2 s); the row of a new region or year, created there, stayed
	 * uncommitted as long, and the other first sendings waited on its key. And a
	 * transaction of its own opened inside the sending needed a second connection: a
	 * burst as large as the pool waited for each other's connections until the pool's
	 * timeout (500 after 30 s). Called before that transaction, a sending holds one
	 * connection at a time, and a concurrent creation of the row waits only for a short
	 * transaction.
	 */
	public String nextReference(String region, int annee) {
		return "CPTS-%s-%d-%04d".formatted(region, annee, nextNumber(region, annee));
	}

	/**
	 * Creates the dossier with its reference (from {@link #nextReference}) and makes the
	 * user its porteur.
	 */
	@Transactional
	public Dossier create(String reference, String region, String nomCpts, String porteur) {
		OffsetDateTime now = OffsetDateTime.now(this.clock);
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into dossier (reference, region, nom_cpts, porteur, created_at)
				values (:reference, :region, :nom, :porteur, :at)""")
			.param("reference", reference)
			.param("region", region)
			.param("nom", nomCpts)
			.param("porteur", porteur)
			.param("at", now)
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		this.members.add(id, porteur, DossierMembers.Role.PORTEUR);
		return new Dossier(id, reference, region, nomCpts, porteur, null, now);
	}

	public Optional<Dossier> byReference(String reference) {
		if (reference == null) {
			return Optional.empty();
		}
		return this.jdbc.sql("select * from dossier where reference = :reference")
			.param("reference", reference)
			.query(Dossiers::dossier)
			.optional();
	}

	/** By the id that the application's own tables keep (never in a URL). */
	public Optional<Dossier> byId(long id) {
		return this.jdbc.sql("select * from dossier where id = :id")
			.param("id", id)
			.query(Dossiers::dossier)
			.optional();
	}

	/** The process instance that carries the dossier, once started. */
	@Transactional
	public void linkProcess(long id, String processInstanceId) {
		this.jdbc.sql("update dossier set process_instance_id = :pi where id = :id")
			.param("pi", processInstanceId)
			.param("id", id)
			.update();
	}

	/** The CPTS's name, corrected at the Guichet's request. */
	@Transactional
	public void rename(long id, String nomCpts) {
		this.jdbc.sql("update dossier set nom_cpts = :nom where id = :id")
			.param("nom", nomCpts)
			.param("id", id)
			.update();
	}

	private static Dossier dossier(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Dossier(rs.getLong("id"), rs.getString("reference"), rs.getString("region"),
				rs.getString("nom_cpts"), rs.getString("porteur"), rs.getString("process_instance_id"),
				rs.getObject("created_at", OffsetDateTime.class));
	}

	private int nextNumber(String region, int annee) {
		long deadline = System.nanoTime() + COUNTER_WAIT.toNanos();
		while (true) {
			try {
				return this.newTransaction.execute((status) -> {
					this.jdbc
						.sql("""
								insert into dossier_sequence (region, annee, last_number)
								select :region, :annee, 0 from (values (0)) as one (x)
								where not exists (select 1 from dossier_sequence where region = :region and annee = :annee)""")
						.param("region", region)
						.param("annee", annee)
						.update();
					this.jdbc.sql("""
							update dossier_sequence set last_number = last_number + 1
							where region = :region and annee = :annee""")
						.param("region", region)
						.param("annee", annee)
						.update();
					return this.jdbc
						.sql("select last_number from dossier_sequence where region = :region and annee = :annee")
						.param("region", region)
						.param("annee", annee)
						.query(Integer.class)
						.single();
				});
			}
			catch (DataIntegrityViolationException | TransientDataAccessException ex) {
				// the row created by a concurrent creation, or its lock held too long:
				// again
				if (System.nanoTime() > deadline) {
					throw ex;
				}
				pause();
			}
		}
	}

	private static void pause() {
		try {
			Thread.sleep(20);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Numérotation interrompue", ex);
		}
	}

}
