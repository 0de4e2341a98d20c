package fr.parcourscpts.system;

import java.io.IOException;
import java.util.Locale;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * A {@code multipart/*} request without its boundary cannot be parsed: Tomcat throws on
 * the first parameter read (Spring Security's CSRF check reads one), and the error page
 * would try to parse it again and fail too, leaving Tomcat's English page or a 500. Such
 * a request is refused here with a 400 before anything reads it, and its error page sees
 * it without a body.
 */
class MultipartSansDelimiteurFilter implements Filter {

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request instanceof HttpServletRequest http && sansDelimiteur(http.getContentType())) {
			if (http.getDispatcherType() == DispatcherType.ERROR) {
				chain.doFilter(new SansCorps(http), response);
			}
			else {
				((HttpServletResponse) response).sendError(HttpStatus.BAD_REQUEST.value());
			}
			return;
		}
		chain.doFilter(request, response);
	}

	static boolean sansDelimiteur(String contentType) {
		if (contentType == null) {
			return false;
		}
		String type = contentType.toLowerCase(Locale.ROOT);
		return type.startsWith("multipart/") && !type.contains("boundary=");
	}

	/** The request as the error page sees it: no body to parse. */
	private static final class SansCorps extends HttpServletRequestWrapper {

		SansCorps(HttpServletRequest request) {
			super(request);
		}

		@Override
		public String getContentType() {
			return MediaType.APPLICATION_OCTET_STREAM_VALUE;
		}

		@Override
		public String getHeader(String name) {
			return "content-type".equalsIgnoreCase(name) ? getContentType() : super.getHeader(name);
		}

	}

}
