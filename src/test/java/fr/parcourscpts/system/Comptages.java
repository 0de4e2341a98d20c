package fr.parcourscpts.system;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

/**
 * Counts read straight from a database, for the tests and the benchmark that look at what
 * several JVMs wrote (DeuxNoeudsIT, the scale benchmark): a failure is thrown unchecked
 * with its SQL, so that the caller fails.
 */
public final class Comptages {

	private Comptages() {
	}

	/** The first column of the first row, a number. */
	public static long count(DataSource database, String sql) {
		try (Connection connection = database.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
		catch (Exception ex) {
			throw new IllegalStateException(sql, ex);
		}
	}

	/** A key and a number per row (a {@code group by}), in the order of the rows. */
	public static Map<String, Long> parCle(DataSource database, String sql) {
		Map<String, Long> counts = new LinkedHashMap<>();
		try (Connection connection = database.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				counts.put(rows.getString(1), rows.getLong(2));
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(sql, ex);
		}
		return counts;
	}

}
