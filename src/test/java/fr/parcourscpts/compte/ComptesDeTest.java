package fr.parcourscpts.compte;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.jdbc.core.simple.JdbcClient;

import fr.parcourscpts.compte.LienEmis.Objet;

/** Accounts and links for the tests; every test uses addresses of its own. */
final class ComptesDeTest {

	/** The client address of the tests' own calls, as the test server sees them. */
	static final String CLIENT = "127.0.0.1";

	private static final AtomicInteger NUMERO = new AtomicInteger();

	private ComptesDeTest() {
	}

	/** A new address, unique in the test run. */
	static String adresse(String prenom) {
		return prenom + "." + System.currentTimeMillis() % 100000 + "-" + NUMERO.incrementAndGet() + "@exemple.fr";
	}

	/** A porteur account whose address is confirmed. */
	static void compteConfirme(Comptes comptes, LiensEnregistres liens, String email, String motDePasse) {
		comptes.inscrire(new Comptes.Inscription(email, "Camille", "Martin", Profession.MEDECIN, motDePasse), CLIENT);
		assertThat(comptes.confirmer(LiensEnregistres.jeton(liens.dernier(email, Objet.CONFIRMATION))))
			.isEqualTo(EtatLien.VALIDE);
	}

	/** Makes a link of the account tables out of date, as if its validity had passed. */
	static void expirer(JdbcClient jdbc, String table, LienEmis lien) {
		int updated = jdbc.sql("update " + table + " set expire_le = :passe where empreinte = :empreinte")
			.param("passe", java.time.OffsetDateTime.now().minusMinutes(1))
			.param("empreinte", Jetons.empreinte(LiensEnregistres.jeton(lien)))
			.update();
		assertThat(updated).isEqualTo(1);
	}

}
