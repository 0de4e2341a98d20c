package fr.parcourscpts.compte;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Records every link the module issues, as the mail would carry it: the tests follow the
 * links like a person reading their mail. (A test bean picked up by the one application
 * context; it only listens.)
 */
@Component
public class LiensEnregistres {

	private final List<LienEmis> liens = new CopyOnWriteArrayList<>();

	@EventListener
	void enregistrer(LienEmis lien) {
		this.liens.add(lien);
	}

	/** The last link of this kind sent to this address; fails when there is none. */
	LienEmis dernier(String destinataire, LienEmis.Objet objet) {
		return tous(destinataire, objet).stream()
			.reduce((first, second) -> second)
			.orElseThrow(() -> new AssertionError("no " + objet + " link sent to " + destinataire));
	}

	List<LienEmis> tous(String destinataire, LienEmis.Objet objet) {
		return this.liens.stream()
			.filter((lien) -> lien.destinataire().equals(destinataire) && lien.objet() == objet)
			.toList();
	}

	/** The path and query of a link, to follow it on the test server. */
	static String chemin(LienEmis lien) {
		URI uri = URI.create(lien.lien());
		return uri.getRawPath() + ((uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "");
	}

	/** The token of a link. */
	static String jeton(LienEmis lien) {
		return lien.lien().substring(lien.lien().indexOf("jeton=") + "jeton=".length());
	}

}
