package fr.parcourscpts.compte;

import org.springframework.security.authentication.DisabledException;
import org.springframework.stereotype.Component;

import fr.parcourscpts.identity.LoginCheck;

/** The login of a porteur waits for the confirmation of their address. */
@Component
class ConfirmationRequise implements LoginCheck {

	private final Comptes comptes;

	ConfirmationRequise(Comptes comptes) {
		this.comptes = comptes;
	}

	@Override
	public void check(String userId) {
		if (this.comptes.nonConfirme(userId)) {
			throw new DisabledException("Adresse électronique non confirmée");
		}
	}

}
