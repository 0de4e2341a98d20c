package fr.parcourscpts.system;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.camunda.bpm.engine.rest.spi.ProcessEngineProvider;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceListingsCacheTest {

	/** Counts the searches for a name that reach it. */
	static final class CountingLoader extends ClassLoader {

		final AtomicInteger searches = new AtomicInteger();

		CountingLoader() {
			super(ServiceListingsCacheTest.class.getClassLoader());
		}

		@Override
		public Enumeration<URL> getResources(String name) throws IOException {
			this.searches.incrementAndGet();
			return super.getResources(name);
		}

	}

	@Test
	void searchesTheServiceListingsOnceAndFindsWhatTheLoaderFinds() throws Exception {
		CountingLoader original = new CountingLoader();
		ServiceListingsCache.CachingLoader cache = new ServiceListingsCache.CachingLoader(original);
		String name = "META-INF/services/" + ProcessEngineProvider.class.getName();
		List<URL> direct = Collections.list(original.getResources(name));
		assertThat(direct).isNotEmpty();
		original.searches.set(0);

		assertThat(Collections.list(cache.getResources(name))).isEqualTo(direct);
		assertThat(Collections.list(cache.getResources(name))).isEqualTo(direct);
		assertThat(ServiceLoader.load(ProcessEngineProvider.class, cache).findFirst().map(Object::getClass))
			.isEqualTo(ServiceLoader.load(ProcessEngineProvider.class, original).findFirst().map(Object::getClass));
		// once through the cache, once by the direct ServiceLoader above
		assertThat(original.searches).hasValue(2);
	}

	@Test
	void leavesEveryOtherResourceAndClassToTheLoaderItWraps() throws Exception {
		CountingLoader original = new CountingLoader();
		ServiceListingsCache.CachingLoader cache = new ServiceListingsCache.CachingLoader(original);
		cache.getResources("application.yml");
		cache.getResources("application.yml");
		assertThat(original.searches).hasValue(2);
		assertThat(cache.getResource("application.yml")).isEqualTo(original.getResource("application.yml"));
		assertThat(cache.loadClass(ProcessEngineProvider.class.getName())).isSameAs(ProcessEngineProvider.class);
	}

	@Test
	void wrapsTheContextLoaderDuringTheRequestOnlyEvenWhenItFails() throws Exception {
		ServiceListingsCache filter = new ServiceListingsCache();
		ClassLoader before = Thread.currentThread().getContextClassLoader();
		AtomicReference<ClassLoader> during = new AtomicReference<>();
		filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(),
				(request, response) -> during.set(Thread.currentThread().getContextClassLoader()));
		assertThat(during.get()).isInstanceOf(ServiceListingsCache.CachingLoader.class);
		assertThat(during.get().getParent()).isSameAs(before);
		assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);

		assertThatThrownBy(() -> filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(),
				(request, response) -> {
					throw new IllegalStateException("échec");
				}))
			.isInstanceOf(IllegalStateException.class);
		assertThat(Thread.currentThread().getContextClassLoader()).isSameAs(before);

		// one cache per loader, kept between requests
		AtomicReference<ClassLoader> second = new AtomicReference<>();
		filter.doFilter(new MockHttpServletRequest(), new MockHttpServletResponse(),
				(request, response) -> second.set(Thread.currentThread().getContextClassLoader()));
		assertThat(second.get()).isSameAs(during.get());
	}

}
