package fr.parcourscpts.system;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * Camunda's REST API (and the webapps' copy of it) looks the process engine up with
 * {@link java.util.ServiceLoader} on every request: once in its authentication filter and
 * once for each resource it builds ({@code EngineUtil.lookupProcessEngine}). In the
 * executable jar the class loader answers that by searching {@code META-INF/services/...}
 * in each of its ~160 nested jars, every time: about 2.5 % of the application's CPU in a
 * profile of P1 (docs/scale.md, "P1: the hot spots per completion"). During such a
 * request the thread's context class loader, which {@code ServiceLoader.load(Class)}
 * reads, is this filter's loader: it remembers the list of {@code META-INF/services}
 * files by name (the jars do not change while the application runs) and hands every other
 * call to the loader it wraps.
 */
class ServiceListingsCache implements Filter {

	private static final String SERVICES = "META-INF/services/";

	private final Map<ClassLoader, CachingLoader> loaders = new ConcurrentHashMap<>();

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		Thread thread = Thread.currentThread();
		ClassLoader original = thread.getContextClassLoader();
		if (original == null || original instanceof CachingLoader) {
			chain.doFilter(request, response);
			return;
		}
		thread.setContextClassLoader(this.loaders.computeIfAbsent(original, CachingLoader::new));
		try {
			chain.doFilter(request, response);
		}
		finally {
			thread.setContextClassLoader(original);
		}
	}

	/** Delegates everything to its parent; remembers the service listings. */
	static final class CachingLoader extends ClassLoader {

		static {
			registerAsParallelCapable();
		}

		private final Map<String, List<URL>> listings = new ConcurrentHashMap<>();

		CachingLoader(ClassLoader parent) {
			super(parent);
		}

		@Override
		public Enumeration<URL> getResources(String name) throws IOException {
			if (!name.startsWith(SERVICES)) {
				return getParent().getResources(name);
			}
			List<URL> urls = this.listings.get(name);
			if (urls == null) {
				urls = List.copyOf(Collections.list(getParent().getResources(name)));
				this.listings.put(name, urls);
			}
			return Collections.enumeration(urls);
		}

		@Override
		public URL getResource(String name) {
			return getParent().getResource(name);
		}

	}

}
