package fr.parcourscpts.portail;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import fr.parcourscpts.portail.Lettres.Lettre;
import fr.parcourscpts.territoire.ParcoursRegional;
import fr.parcourscpts.territoire.ParcoursRegional.Structure;
import fr.parcourscpts.territoire.ParcoursRegionaux;
import fr.parcourscpts.territoire.TerritoireService;

/**
 * The accompaniment of a lettre by its region's accompanying structures (decision
 * {@code parcours-regional}): the porteur invites one of them from the draft on and may
 * withdraw it; the structure's members, in the lettre's region only, read the lettre and
 * its dossier and comment; they never send nor decide (they are not members of the
 * dossier, and the engine's guard lets only a task's candidate group complete it).
 */
@Service
class Accompagnements {

	static final int TEXTE_MAX = 4000;

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private final JdbcClient jdbc;

	private final Lettres lettres;

	private final ParcoursRegionaux parcours;

	private final TerritoireService territoires;

	Accompagnements(JdbcClient jdbc, Lettres lettres, ParcoursRegionaux parcours, TerritoireService territoires) {
		this.jdbc = jdbc;
		this.lettres = lettres;
		this.parcours = parcours;
		this.territoires = territoires;
	}

	/** A structure of the lettre's region, and whether the porteur invited it. */
	record Proposee(Structure structure, boolean invitee) {
	}

	/** A comment, with the structure's name in the lettre's region. */
	record Commentaire(String structure, String nomStructure, String auteur, String texte, OffsetDateTime le) {
	}

	/** A lettre a structure's member is invited onto. */
	record Accompagnee(long id, String nomCpts, String reference, String statut) {
	}

	/**
	 * The region of a lettre: its dossier's once sent, that of its communes while a draft
	 * (none when they are unknown or in several regions).
	 */
	Optional<String> region(Lettre lettre) {
		if (!lettre.brouillon()) {
			return Optional.ofNullable(lettre.region());
		}
		List<String> codes = lettre.form().codesCommunes();
		if (codes.isEmpty()) {
			return Optional.empty();
		}
		var territoire = this.territoires.territoire(codes);
		return (territoire.regions().size() == 1) ? territoire.region().map((region) -> region.code())
				: Optional.empty();
	}

	/** The path of the lettre's region, when its region is known. */
	Optional<ParcoursRegional> parcours(Lettre lettre) {
		return region(lettre).map(this.parcours::deRegion);
	}

	/** The structures of the lettre's region, each with whether it is invited. */
	List<Proposee> proposees(Lettre lettre) {
		Set<String> invitees = Set.copyOf(invitees(lettre.id()));
		return parcours(lettre).map(ParcoursRegional::structures)
			.orElse(List.of())
			.stream()
			.map((structure) -> new Proposee(structure, invitees.contains(structure.groupe())))
			.toList();
	}

	List<String> invitees(long lettreId) {
		return this.jdbc.sql("select structure from accompagnement where lettre_id = :id order by invite_le")
			.param("id", lettreId)
			.query(String.class)
			.list();
	}

	/**
	 * Invites a structure of the lettre's region; the caller has checked that the user
	 * may act for the lettre.
	 * @return false when the region has no such structure
	 */
	@Transactional
	boolean inviter(Lettre lettre, String structure, String porteur) {
		boolean proposee = parcours(lettre).flatMap((p) -> p.structure(structure)).isPresent();
		if (!proposee) {
			return false;
		}
		if (!invitees(lettre.id()).contains(structure)) {
			this.jdbc.sql("""
					insert into accompagnement (lettre_id, structure, invite_par, invite_le)
					values (:id, :structure, :porteur, :le)""")
				.param("id", lettre.id())
				.param("structure", structure)
				.param("porteur", porteur)
				.param("le", OffsetDateTime.now(PARIS))
				.update();
		}
		return true;
	}

	@Transactional
	void retirer(Lettre lettre, String structure) {
		this.jdbc.sql("delete from accompagnement where lettre_id = :id and structure = :structure")
			.param("id", lettre.id())
			.param("structure", structure)
			.update();
	}

	/**
	 * The lettre if a member of these groups, in these regions, may read it: one of their
	 * groups is invited onto it and the lettre is in one of their regions.
	 * @throws DossierIntrouvable otherwise, as when it does not exist
	 */
	Lettre acces(long id, Collection<String> groupes, Collection<String> regions) {
		Lettre lettre = this.lettres.find(id).orElseThrow(DossierIntrouvable::new);
		structureDe(lettre, groupes, regions).orElseThrow(DossierIntrouvable::new);
		return lettre;
	}

	/** The invited structure through which a member reads the lettre. */
	Optional<String> structureDe(Lettre lettre, Collection<String> groupes, Collection<String> regions) {
		Optional<String> region = region(lettre);
		if (region.isEmpty() || !regions.contains(region.get())) {
			return Optional.empty();
		}
		return invitees(lettre.id()).stream().filter(groupes::contains).findFirst();
	}

	/** The lettres a member of these groups is invited onto, in their regions. */
	List<Accompagnee> accompagnees(Collection<String> groupes, Collection<String> regions) {
		if (groupes.isEmpty()) {
			return List.of();
		}
		List<Long> ids = this.jdbc
			.sql("select distinct lettre_id from accompagnement where structure in (:groupes) order by lettre_id desc")
			.param("groupes", groupes)
			.query(Long.class)
			.list();
		return ids.stream()
			.map(this.lettres::find)
			.flatMap(Optional::stream)
			.filter((lettre) -> region(lettre).filter(regions::contains).isPresent())
			.map((lettre) -> new Accompagnee(lettre.id(), lettre.nomCpts(), lettre.reference(), lettre.statut()))
			.toList();
	}

	@Transactional
	void commenter(Lettre lettre, String structure, String auteur, String texte) {
		this.jdbc.sql("""
				insert into commentaire_accompagnement (lettre_id, structure, auteur, texte, cree_le)
				values (:id, :structure, :auteur, :texte, :le)""")
			.param("id", lettre.id())
			.param("structure", structure)
			.param("auteur", auteur)
			.param("texte", texte)
			.param("le", OffsetDateTime.now(PARIS))
			.update();
	}

	/** Every comment on the lettre, oldest first. */
	List<Commentaire> commentaires(Lettre lettre) {
		Optional<ParcoursRegional> parcours = parcours(lettre);
		return this.jdbc.sql("""
				select structure, auteur, texte, cree_le from commentaire_accompagnement
				where lettre_id = :id order by cree_le, id""").param("id", lettre.id()).query((rs, row) -> {
			String structure = rs.getString("structure");
			String nom = parcours.flatMap((p) -> p.structure(structure)).map(Structure::nom).orElse(structure);
			return new Commentaire(structure, nom, rs.getString("auteur"), rs.getString("texte"),
					rs.getObject("cree_le", OffsetDateTime.class).atZoneSameInstant(PARIS).toOffsetDateTime());
		}).list();
	}

}
