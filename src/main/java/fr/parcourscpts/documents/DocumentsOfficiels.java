package fr.parcourscpts.documents;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.openhtmltopdf.outputdevice.helper.BaseRendererBuilder.FontStyle;
import com.openhtmltopdf.pdfboxout.PDFontSupplier;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder.PdfAConformance;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;

import fr.parcourscpts.contrat.Mission;
import fr.parcourscpts.dossier.JoursAffiches;
import fr.parcourscpts.identity.Region;
import fr.parcourscpts.system.Formats;
import fr.parcourscpts.territoire.TerritoireService;

/**
 * Issues the official documents: a Thymeleaf page of {@code templates/documents/}
 * rendered to PDF (openhtmltopdf) and recorded in the table {@code document} in the
 * caller's transaction (the job of the step that decided: a {@code notifier*} task or a
 * receipt's production after the commit), so a rolled-back step issues nothing.
 * <p>
 * The PDFs are PDF/A-3u: every text in DejaVu Sans, embedded (the fonts come with the
 * application, from the {@code jasperreports-fonts} jar), with the JDK's sRGB ICC profile
 * as output intent. They name people (the porteur's typed signature, the agents' names
 * and functions from their Camunda user), the ARS of the region and the caisse of the
 * territory's département ({@link AutoritesCompetentes}), the missions in words.
 * <p>
 * A type {@link TypeDocument#renduALaPremiereLecture() rendered on first read} (the
 * attestation of validation, issued by the tacit validation's timer: issue 12, P3) is
 * issued as its page: the HTML is written in the issuing step, from the values of that
 * moment, so the document says what it would have said then; the PDF (most of a
 * document's CPU) is made by whoever reads it first — a download, or the mail sender
 * attaching it to the porteur's mail — in a transaction of its own that holds the row
 * locked ({@code for update}): two first reads at once, on one node or two, render it
 * once, the second waiting for the first and reading its bytes. The bytes and their
 * SHA-256 are stored then and never change.
 */
@Service
public class DocumentsOfficiels {

	private final JdbcClient jdbc;

	/** Amounts and counts as the pages and mails write them (templates: {@code fmt}). */
	private final Formats formats;

	/** Days and times in Paris, as everywhere else. */
	private static final JoursAffiches JOURS = new JoursAffiches();

	/**
	 * The font family of every text of a document (see templates/documents/modele.html).
	 */
	static final String POLICE = "DejaVu Sans";

	static final String FONTS = "net/sf/jasperreports/fonts/dejavu/";

	private static final Locale FRANCAIS = Locale.FRANCE;

	private final TemplateEngine templates;

	private final MessageSource messages;

	private final AutoritesCompetentes autorites;

	private final Personnes personnes;

	private final TerritoireService territoire;

	private final List<Police> polices;

	private final byte[] srgb;

	/** Parsed font sets kept for the next renderings: one per rendering at once. */
	private final Queue<List<TrueTypeFont>> analysees = new ConcurrentLinkedQueue<>();

	/** More renderings at once than this parse their fonts and drop them after. */
	private static final int POLICES_GARDEES = 4;

	/**
	 * A first reading's own transaction: it commits the rendered bytes whatever becomes
	 * of the reader's (a read-only page, a mail whose delivery fails).
	 */
	private final TransactionTemplate premiereLecture;

	DocumentsOfficiels(JdbcClient jdbc, TemplateEngine templates, MessageSource messages,
			AutoritesCompetentes autorites, Personnes personnes, TerritoireService territoire, Formats formats,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.premiereLecture = new TransactionTemplate(transactions);
		this.premiereLecture.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.formats = formats;
		this.templates = templates;
		this.messages = messages;
		this.autorites = autorites;
		this.personnes = personnes;
		this.territoire = territoire;
		this.polices = List.of(new Police("DejaVuSans.ttf", 400, FontStyle.NORMAL),
				new Police("DejaVuSans-Bold.ttf", 700, FontStyle.NORMAL),
				new Police("DejaVuSans-Oblique.ttf", 400, FontStyle.ITALIC),
				new Police("DejaVuSans-BoldOblique.ttf", 700, FontStyle.ITALIC));
		this.srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
	}

	/** A font file shipped with the application, read once. */
	record Police(byte[] ttf, int weight, FontStyle style) {

		Police(String file, int weight, FontStyle style) {
			this(read(FONTS + file), weight, style);
		}

		private static byte[] read(String path) {
			try (InputStream in = DocumentsOfficiels.class.getClassLoader().getResourceAsStream(path)) {
				if (in == null) {
					throw new IllegalStateException("Police absente du classpath : " + path);
				}
				return in.readAllBytes();
			}
			catch (IOException ex) {
				throw new IllegalStateException("Police illisible : " + path, ex);
			}
		}

	}

	/**
	 * Issues the document that the event calls for, if any: rendered now, or only its
	 * page for a type rendered on first read (the returned document has no bytes and no
	 * SHA-256 then).
	 * @param evenement the notification event code
	 * @param reference the dossier reference
	 * @param region the INSEE region code
	 * @param donnees the process variables at that moment
	 * @param at when it happened (the date of receipt of a deposit)
	 * @return the issued document, or empty when the event calls for none
	 */
	@Transactional
	public Optional<DocumentOfficiel> issueFor(String evenement, String reference, String region,
			Map<String, Object> donnees, Date at) {
		Optional<TypeDocument> type = TypeDocument.issuedBy(evenement);
		if (type.isEmpty()) {
			return Optional.empty();
		}
		String html = html(type.get(), modele(evenement, reference, region, donnees, at));
		boolean differe = type.get().renduALaPremiereLecture();
		byte[] pdf = differe ? null : pdf(html);
		String fileName = type.get().template() + "-" + reference + ".pdf";
		String sha256 = differe ? null : sha256(pdf);
		OffsetDateTime now = OffsetDateTime.now();
		GeneratedKeyHolder key = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into document (reference, region, type, nom_fichier, contenu, sha256, page, created_at)
				values (:reference, :region, :type, :name, :content, :sha, :page, :now)
				""")
			.param("reference", reference)
			.param("region", region)
			.param("type", type.get().name())
			.param("name", fileName)
			.param("content", pdf, Types.BINARY)
			.param("sha", sha256, Types.VARCHAR)
			.param("page", differe ? html : null, Types.VARCHAR)
			.param("now", now)
			.update(key, "id");
		return Optional.of(new DocumentOfficiel(key.getKey().longValue(), reference, type.get(), fileName,
				differe ? new byte[0] : pdf, sha256, now));
	}

	/**
	 * The bytes of a document, rendered now if nobody read it before (once: see the class
	 * comment); empty when there is no such document.
	 */
	public Optional<byte[]> contenu(long id) {
		return lu(id).map(Lu::contenu);
	}

	/**
	 * A document's bytes and their SHA-256, as stored or as its first reading made them.
	 */
	private record Lu(byte[] contenu, String sha256) {
	}

	private Optional<Lu> lu(long id) {
		Optional<Lu> stored = this.jdbc.sql("select contenu, sha256 from document where id = :id")
			.param("id", id)
			.query((rs, n) -> new Lu(rs.getBytes(1), rs.getString(2)))
			.optional();
		if (stored.isEmpty() || stored.get().contenu() != null) {
			return stored;
		}
		return this.premiereLecture.execute((status) -> premiereLecture(id));
	}

	/**
	 * Renders a document under its row's lock, unless a reader that held the lock before
	 * rendered it already.
	 */
	private Optional<Lu> premiereLecture(long id) {
		Optional<Page> locked = this.jdbc.sql("select contenu, sha256, page from document where id = :id for update")
			.param("id", id)
			.query((rs, n) -> new Page(new Lu(rs.getBytes(1), rs.getString(2)), rs.getString(3)))
			.optional();
		if (locked.isEmpty() || locked.get().lu().contenu() != null) {
			return locked.map(Page::lu);
		}
		byte[] pdf = pdf(locked.get().html());
		String sha256 = sha256(pdf);
		this.jdbc.sql("update document set contenu = :content, sha256 = :sha, page = null where id = :id")
			.param("content", pdf)
			.param("sha", sha256)
			.param("id", id)
			.update();
		return Optional.of(new Lu(pdf, sha256));
	}

	private record Page(Lu lu, String html) {
	}

	/** The font files, for the benchmark of the former rendering. */
	List<Police> fichiersDePolice() {
		return this.polices;
	}

	/** The output intent's ICC profile, for the same benchmark. */
	byte[] profilSrgb() {
		return this.srgb;
	}

	/** What a document's page is written from. */
	Map<String, Object> modele(String evenement, String reference, String region, Map<String, Object> donnees,
			Date at) {
		Map<String, Object> model = new HashMap<>();
		model.put("evenement", evenement);
		model.put("reference", reference);
		model.put("region", Region.ofCode(region).map(Region::label).orElse(region));
		model.put("donnees", donnees);
		model.put("emisLe", at);
		model.putAll(noms(region, donnees));
		model.put("fmt", this.formats);
		return model;
	}

	/** The documents of a dossier, newest first, without their bytes. */
	public List<DocumentOfficiel> ofDossier(String reference) {
		return this.jdbc.sql("""
				select id, reference, type, nom_fichier, sha256, created_at from document
				where reference = :reference order by id desc
				""")
			.param("reference", reference)
			.query((rs, n) -> new DocumentOfficiel(rs.getLong(1), rs.getString(2),
					TypeDocument.valueOf(rs.getString(3)), rs.getString(4), new byte[0], rs.getString(5),
					rs.getObject(6, OffsetDateTime.class)))
			.list();
	}

	/**
	 * A document of this dossier with its bytes (rendered now if it is its first read);
	 * empty when it is not one of its.
	 */
	public Optional<DocumentOfficiel> ofDossier(String reference, long id) {
		return ofDossier(reference, id, (type) -> true);
	}

	/**
	 * Same, for a reader who may read only some types: a document of another type is
	 * neither read nor rendered (a refused reader does not make its first rendering).
	 */
	public Optional<DocumentOfficiel> ofDossier(String reference, long id, Predicate<TypeDocument> lisible) {
		return this.jdbc.sql("""
				select id, reference, type, nom_fichier, created_at from document
				where reference = :reference and id = :id
				""")
			.param("reference", reference)
			.param("id", id)
			.query((rs, n) -> new DocumentOfficiel(rs.getLong(1), rs.getString(2),
					TypeDocument.valueOf(rs.getString(3)), rs.getString(4), null, null,
					rs.getObject(5, OffsetDateTime.class)))
			.optional()
			.filter((document) -> lisible.test(document.type()))
			.flatMap((document) -> lu(id).map((lu) -> new DocumentOfficiel(document.id(), document.reference(),
					document.type(), document.fileName(), lu.contenu(), lu.sha256(), document.createdAt())));
	}

	/**
	 * A document with what access control needs; its bytes are read (and rendered, on a
	 * first read) only when access is granted ({@link #contenu(long)}).
	 */
	Optional<Stored> find(long id) {
		return this.jdbc.sql("select reference, region, nom_fichier from document where id = :id")
			.param("id", id)
			.query((rs, n) -> new Stored(rs.getString(1), rs.getString(2), rs.getString(3), id))
			.optional();
	}

	/**
	 * A stored document with what access control needs; its bytes are read (and rendered,
	 * on a first read) by {@link #contenu(long)} once access is granted.
	 */
	record Stored(String reference, String region, String fileName, long id) {
	}

	/**
	 * What the documents name, worked out from the variables: the CPTS (its name once
	 * prefixed by "CPTS"), the ARS, the caisse, the missions in words, who signed and who
	 * decided.
	 */
	private Map<String, Object> noms(String region, Map<String, Object> donnees) {
		Map<String, Object> noms = new HashMap<>();
		String cpts = designationCpts(text(donnees.get("nomCpts")));
		String ars = this.autorites.ars(region)
			.orElseGet(() -> message("documents.ars.defaut", Region.ofCode(region).map(Region::label).orElse(region)));
		String caisse = this.autorites.caisseDuTerritoire(codes(donnees.get("communes")))
			.orElseGet(() -> message("documents.caisse.defaut"));
		noms.put("cpts", cpts);
		noms.put("ars", ars);
		noms.put("caisse", caisse);
		noms.put("missions", missions(text(donnees.get("missionsRetenues"))));
		noms.put("communes", communes(codes(donnees.get("communes"))));
		noms.put("signatairePorteur", signatairePorteur(donnees, cpts));
		noms.put("signataireCpam", agent(donnees, "signerContratCpam", caisse));
		noms.put("signataireArs", agent(donnees, "signerContratArs", ars));
		noms.put("decideurFir", agent(donnees, "deciderFinancementFir", ars));
		noms.put("decideurProjet", agent(donnees, "deciderProjetSante", ars));
		noms.put("evaluateur", agent(donnees, "evaluerIndicateurs", caisse));
		noms.put("coValidateur", agent(donnees, "coValiderEvaluation", ars));
		return noms;
	}

	/** "CPTS du Lauragais" for "du Lauragais" and for "CPTS du Lauragais" alike. */
	String designationCpts(String nom) {
		String trimmed = nom.trim();
		if (trimmed.isEmpty() || trimmed.regionMatches(true, 0, "CPTS", 0, 4)
				&& (trimmed.length() == 4 || !Character.isLetterOrDigit(trimmed.charAt(4)))) {
			return trimmed;
		}
		return message("documents.cpts", trimmed);
	}

	/** The missions of a comma-separated list of codes, in words, in the list's order. */
	String missions(String codes) {
		return Arrays.stream(codes.split(","))
			.map(String::trim)
			.filter((code) -> !code.isEmpty())
			.map((code) -> Arrays.stream(Mission.values())
				.filter((mission) -> mission.code().equals(code))
				.findFirst()
				.map((mission) -> message("documents.mission." + mission.code()))
				.orElse(code))
			.collect(Collectors.joining(", "));
	}

	/** "Toulouse (31555), Blagnac (31069)": each commune by its name and code. */
	private String communes(List<String> codes) {
		return codes.stream()
			.map((code) -> this.territoire.commune(code)
				.map((commune) -> message("documents.commune", commune.nom(), commune.code()))
				.orElse(code))
			.collect(Collectors.joining(", "));
	}

	private Signataire signatairePorteur(Map<String, Object> donnees, String cpts) {
		String typed = text(donnees.get("signaturePorteurNom")).trim();
		Object login = donnees.get("signerContratPorteurDecidePar");
		if (typed.isEmpty() && login == null) {
			return null;
		}
		String nom = typed.isEmpty() ? this.personnes.of(login.toString()).nom() : typed;
		Object le = (donnees.get("signaturePorteurLe") != null) ? donnees.get("signaturePorteurLe")
				: donnees.get("signerContratPorteurDecideLe");
		return new Signataire(nom, message("documents.role.porteur"), cpts, JOURS.jour(le), JOURS.heure(le));
	}

	/**
	 * The agent who completed a task, from {@code <taskId>DecidePar} / {@code DecideLe}.
	 */
	private Signataire agent(Map<String, Object> donnees, String taskId, String institution) {
		Object login = donnees.get(taskId + "DecidePar");
		if (login == null || login.toString().isBlank()) {
			return null;
		}
		Personnes.Personne personne = this.personnes.of(login.toString());
		Object le = donnees.get(taskId + "DecideLe");
		return new Signataire(personne.nom(), personne.fonction().orElse(null), institution, JOURS.jour(le),
				JOURS.heure(le));
	}

	private String message(String code, Object... arguments) {
		return this.messages.getMessage(code, arguments, FRANCAIS);
	}

	private static String text(Object value) {
		return (value == null) ? "" : value.toString();
	}

	private static List<String> codes(Object communes) {
		if (communes instanceof Collection<?> list) {
			return list.stream().map(String::valueOf).toList();
		}
		return Arrays.stream(text(communes).split("[,;\\s]+")).filter((code) -> !code.isBlank()).toList();
	}

	/** The document's page, before it becomes a PDF. */
	String html(TypeDocument type, Map<String, Object> model) {
		return this.templates.process("documents/" + type.template(), new Context(FRANCAIS, model));
	}

	/**
	 * The PDF/A of a page. The fonts come parsed ({@link #policesAnalysees()}): parsing
	 * and reading the four DejaVu files for every document was most of a PDF's time; each
	 * document still embeds its own subset of the glyphs it uses.
	 */
	byte[] pdf(String html) {
		List<TrueTypeFont> fonts = policesAnalysees();
		try (PDDocument document = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			PdfRendererBuilder builder = new PdfRendererBuilder();
			builder.useFastMode();
			builder.usePDDocument(document);
			builder.usePdfAConformance(PdfAConformance.PDFA_3_U);
			builder.useColorProfile(this.srgb);
			for (int i = 0; i < this.polices.size(); i++) {
				Police police = this.polices.get(i);
				builder.useFont(new PoliceDuDocument(document, fonts.get(i)), POLICE, police.weight(), police.style(),
						true);
			}
			builder.useUnicodeLineBreaker(new CoupureDeLigne());
			builder.withProducer("Parcours CPTS");
			builder.withHtmlContent(html, null);
			builder.toStream(out);
			builder.run();
			return out.toByteArray();
		}
		catch (IOException | UncheckedIOException ex) {
			throw new IllegalStateException("Document impossible à produire", ex);
		}
		finally {
			if (this.analysees.size() < POLICES_GARDEES) {
				this.analysees.offer(fonts);
			}
		}
	}

	/**
	 * A set of the parsed fonts for one rendering at a time (FontBox's fonts are not
	 * thread-safe), taken from those kept or parsed when all are in use.
	 */
	private List<TrueTypeFont> policesAnalysees() {
		List<TrueTypeFont> fonts = this.analysees.poll();
		if (fonts != null) {
			return fonts;
		}
		List<TrueTypeFont> parsed = new ArrayList<>();
		for (Police police : this.polices) {
			try {
				parsed.add(new TTFParser().parse(new RandomAccessReadBuffer(police.ttf())));
			}
			catch (IOException ex) {
				throw new IllegalStateException("Police illisible", ex);
			}
		}
		return List.copyOf(parsed);
	}

	/**
	 * A parsed font embedded into one document, loaded the first time the document uses
	 * it (a weight or style the page does not use is not embedded at all).
	 */
	private static final class PoliceDuDocument extends PDFontSupplier {

		private final PDDocument document;

		private final TrueTypeFont font;

		private PDFont loaded;

		PoliceDuDocument(PDDocument document, TrueTypeFont font) {
			super(null);
			this.document = document;
			this.font = font;
		}

		@Override
		public PDFont supply() {
			if (this.loaded == null) {
				try {
					// Subset when the document is saved; the parsed font stays open for
					// the next.
					this.loaded = PDType0Font.load(this.document, this.font, true);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			return this.loaded;
		}

	}

	private static String sha256(byte[] content) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
