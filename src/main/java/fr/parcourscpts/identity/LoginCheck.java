package fr.parcourscpts.identity;

import org.springframework.security.core.AuthenticationException;

/**
 * A rule a feature adds to the login, checked once the password is known to be right (so
 * that it tells nothing to someone who does not know it). The account feature refuses the
 * porteurs whose address is not confirmed yet.
 */
public interface LoginCheck {

	/**
	 * Refuses the login of a user by throwing; a
	 * {@link org.springframework.security.authentication.DisabledException} sends the
	 * person back to the login page with {@code ?nonconfirme}.
	 * @param userId the user whose password was just verified
	 * @throws AuthenticationException to refuse the login
	 */
	void check(String userId) throws AuthenticationException;

}
