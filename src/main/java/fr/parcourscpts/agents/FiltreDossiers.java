package fr.parcourscpts.agents;

/**
 * What the agent asked of the list: the filters, the search, the order and the page
 * (numbered from 1). Built from the request's parameters; the exports take the same
 * filter and ignore the page.
 *
 * @param etape an activity id, {@value #TERMINE} or {@value #EN_ATTENTE}; blank for all
 * @param aTraiter only the dossiers with an open task offered to the agent's institution
 * @param echeanceProche only the dossiers whose deadline is in at most
 * {@value #JOURS_ECHEANCE_PROCHE} days (or passed)
 * @param departement a département code; blank for all
 * @param recherche part of a reference, of a CPTS name, or a commune (name or INSEE code)
 */
record FiltreDossiers(String etape, boolean aTraiter, boolean echeanceProche, String departement, String recherche,
		Tri tri, boolean descendant, int page, int taille) {

	/** The step of a dossier whose process has ended. */
	static final String TERMINE = "termine";

	/**
	 * The step of a dossier whose process waits with no open task (a timer, a message).
	 */
	static final String EN_ATTENTE = "attente";

	static final int JOURS_ECHEANCE_PROCHE = 15;

	static final int TAILLE_PAR_DEFAUT = 25;

	static final int TAILLE_MAX = 200;

	/** The columns the list can be sorted on. */
	enum Tri {

		REFERENCE, NOM, DEPARTEMENT, ETAPE, ECHEANCE, DEPOT;

		static Tri of(String value) {
			for (Tri tri : values()) {
				if (tri.name().equalsIgnoreCase(value)) {
					return tri;
				}
			}
			return ECHEANCE;
		}

	}

	FiltreDossiers {
		etape = blankToNull(etape);
		departement = blankToNull(departement);
		recherche = blankToNull(recherche);
		if (recherche != null && recherche.length() > 100) {
			recherche = recherche.substring(0, 100);
		}
		tri = (tri != null) ? tri : Tri.ECHEANCE;
		page = Math.max(page, 1);
		taille = (taille <= 0) ? TAILLE_PAR_DEFAUT : Math.min(taille, TAILLE_MAX);
	}

	static FiltreDossiers tous() {
		return new FiltreDossiers(null, false, false, null, null, Tri.ECHEANCE, false, 1, TAILLE_PAR_DEFAUT);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.strip();
	}

}
