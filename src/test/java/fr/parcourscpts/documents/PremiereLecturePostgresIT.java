package fr.parcourscpts.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

import fr.parcourscpts.system.PostgresMigre;

/**
 * The first read of a document rendered on first read, on real PostgreSQL, by two "nodes"
 * (two {@link DocumentsOfficiels} on connections of their own, as two JVMs would be): the
 * row's lock makes one render and the other read its bytes.
 */
class PremiereLecturePostgresIT {

	static final String PAGE = """
			<html><head><style>body { font-family: 'DejaVu Sans'; }</style></head>
			<body><p>Attestation de validation du projet de santé — CPTS du Lauragais</p></body></html>""";

	static EmbeddedPostgres postgres;

	static DataSource dataSource;

	@BeforeAll
	static void start() throws Exception {
		postgres = PostgresMigre.demarrer();
		dataSource = postgres.getPostgresDatabase();
	}

	@AfterAll
	static void stop() throws Exception {
		postgres.close();
	}

	@Test
	void twoNodesReadingFirstAtOnceRenderOnceAndGetTheSameBytes() throws Exception {
		long id = issuedPage("CPTS-76-2026-9101");
		List<DocumentsOfficiels> nodes = List.of(node(), node());
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			List<Future<byte[]>> reads = nodes.stream().map((node) -> threads.submit(() -> {
				start.await(10, TimeUnit.SECONDS);
				return node.contenu(id).orElseThrow();
			})).toList();
			start.countDown();
			byte[] a = reads.get(0).get(120, TimeUnit.SECONDS);
			byte[] b = reads.get(1).get(120, TimeUnit.SECONDS);
			assertThat(new String(a, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
			assertThat(b).isEqualTo(a);
			assertThat(JdbcClient.create(dataSource)
				.sql("select sha256 from document where id = :id and page is null")
				.param("id", id)
				.query(String.class)
				.single()).isEqualTo(sha256(a));
			assertThat(nodes.get(1).contenu(id)).hasValue(a);
		}
		finally {
			threads.shutdownNow();
		}
	}

	/**
	 * Node A holds the row (it is rendering); node B's first read waits, then reads what
	 * A stored: it does not render a second time.
	 */
	@Test
	void theNodeThatWaitsForTheLockReadsWhatTheOtherStored() throws Exception {
		long id = issuedPage("CPTS-76-2026-9102");
		byte[] rendered = "%PDF- rendu par le nœud A".getBytes(StandardCharsets.UTF_8);
		ExecutorService threads = Executors.newFixedThreadPool(1);
		try (Connection a = dataSource.getConnection()) {
			a.setAutoCommit(false);
			try (PreparedStatement lock = a.prepareStatement("select id from document where id = ? for update")) {
				lock.setLong(1, id);
				try (ResultSet rs = lock.executeQuery()) {
					assertThat(rs.next()).isTrue();
				}
			}
			Future<byte[]> b = threads.submit(() -> node().contenu(id).orElseThrow());
			Thread.sleep(500);
			assertThat(b).as("node B waits for node A's lock").isNotDone();
			try (PreparedStatement store = a
				.prepareStatement("update document set contenu = ?, sha256 = ?, page = null where id = ?")) {
				store.setBytes(1, rendered);
				store.setString(2, sha256(rendered));
				store.setLong(3, id);
				store.executeUpdate();
			}
			a.commit();
			assertThat(b.get(30, TimeUnit.SECONDS)).as("node A's bytes, not a second rendering").isEqualTo(rendered);
		}
		finally {
			threads.shutdownNow();
		}
	}

	/** A node: its own transactions; no page to write (the row carries it). */
	private static DocumentsOfficiels node() {
		return new DocumentsOfficiels(JdbcClient.create(dataSource), null, null, null, null, null, null,
				new DataSourceTransactionManager(dataSource));
	}

	/** A document as the tacit validation's job issues it: its page, no bytes yet. */
	private static long issuedPage(String reference) {
		return JdbcClient.create(dataSource)
			.sql("""
					insert into document (reference, region, type, nom_fichier, page, created_at)
					values (:reference, '76', 'ATTESTATION_VALIDATION', :name, :page, :now)
					returning id""")
			.param("reference", reference)
			.param("name", "attestation-validation-" + reference + ".pdf")
			.param("page", PAGE)
			.param("now", OffsetDateTime.now())
			.query(Long.class)
			.single();
	}

	private static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
