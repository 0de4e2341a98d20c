package fr.parcourscpts.system;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.stereotype.Component;

/**
 * The SQL statements a piece of code issues, counted in the tests' one context: every
 * DataSource bean (the one of the application, the engine and Spring Session) is wrapped
 * so that each statement prepared or created on the current thread is recorded while
 * {@link #statements(Supplier)} runs. Other threads (the job executor, other tests'
 * requests) are not counted, so the count of a MockMvc request is exact.
 */
@Component
public class CompteurSql implements BeanPostProcessor {

	private static final Set<String> STATEMENTS = Set.of("prepareStatement", "prepareCall", "createStatement");

	private static final ThreadLocal<List<String>> RECORDED = new ThreadLocal<>();

	/** The connections each thread holds now (taken and not closed yet). */
	private static final ThreadLocal<int[]> HELD = ThreadLocal.withInitial(() -> new int[1]);

	/**
	 * While {@link #connexionsSimultanees} runs: where a thread took a connection while
	 * it held one already.
	 */
	private static volatile List<String> seconds;

	/** The SQL of the statements {@code work} issued on this thread, in order. */
	public static List<String> statements(Runnable work) {
		List<String> recorded = new ArrayList<>();
		List<String> outer = RECORDED.get();
		RECORDED.set(recorded);
		try {
			work.run();
		}
		finally {
			RECORDED.set(outer);
		}
		return recorded;
	}

	/**
	 * Where a thread whose name starts with {@code threads} (Tomcat's request threads:
	 * {@code http-nio}) took a second connection while it held a first, during
	 * {@code work}: the stack of each such second taking. A request that does so can
	 * deadlock the pool under load (every connection held by a request that waits for
	 * another one), which a page that takes one at a time never does.
	 */
	public static synchronized List<String> connexionsSimultanees(String threads, Runnable work) {
		List<String> found = java.util.Collections.synchronizedList(new ArrayList<>());
		seconds = found;
		prefix = threads;
		try {
			work.run();
		}
		finally {
			seconds = null;
		}
		return List.copyOf(found);
	}

	private static volatile String prefix = "";

	/** Counts a connection taken by this thread; returns the counter to decrement. */
	private static int[] taken() {
		int[] counter = HELD.get();
		int held = ++counter[0];
		List<String> watching = seconds;
		if (watching != null && held > 1 && Thread.currentThread().getName().startsWith(prefix)) {
			StringBuilder stack = new StringBuilder(
					Thread.currentThread().getName() + " holds " + (held - 1) + " connection(s) and takes another:");
			for (StackTraceElement frame : Thread.currentThread().getStackTrace()) {
				stack.append("\n\tat ").append(frame);
			}
			watching.add(stack.toString());
		}
		return counter;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DataSource dataSource && !(bean instanceof Compteur)) {
			return new Compteur(dataSource);
		}
		return bean;
	}

	private static final class Compteur extends DelegatingDataSource {

		Compteur(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			return counting(super.getConnection());
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return counting(super.getConnection(username, password));
		}

		private static Connection counting(Connection connection) {
			// decremented on the counter of the thread that took it, should another
			// close it
			int[] counter = taken();
			boolean[] closed = { false };
			InvocationHandler handler = (proxy, method, args) -> {
				if ("close".equals(method.getName()) && !closed[0]) {
					closed[0] = true;
					counter[0]--;
				}
				return invoke(connection, method, args);
			};
			return (Connection) Proxy.newProxyInstance(CompteurSql.class.getClassLoader(),
					new Class<?>[] { Connection.class }, handler);
		}

		private static Object invoke(Connection connection, Method method, Object[] args) throws Throwable {
			List<String> recorded = RECORDED.get();
			if (recorded != null && STATEMENTS.contains(method.getName())) {
				recorded.add((args != null && args.length > 0 && args[0] instanceof String sql) ? sql : "(statement)");
			}
			try {
				return method.invoke(connection, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getTargetException();
			}
		}

	}

}
