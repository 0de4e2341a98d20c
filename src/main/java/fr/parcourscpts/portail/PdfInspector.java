package fr.parcourscpts.portail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObject;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;
import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import fr.parcourscpts.portail.PiecesJointes.FichierRefuse;

/**
 * Reads an uploaded file as PDFBox does and refuses what a porteur's honest PDF never
 * holds: no catalog or no page, encryption, JavaScript, launch actions, embedded files,
 * HTML or script markup (a polyglot that a browser would run), data after the end of the
 * file, and streams that decompress beyond a limit (a "deflate bomb").
 * <p>
 * PDFBox decodes a stream into memory whenever it is read, and its parser reads the
 * cross-reference and object streams: so the compressed data are first measured here by
 * inflating them into nothing, with a budget, before PDFBox parses the file; then every
 * stream PDFBox found is measured again through its own filters (LZW, run length...), up
 * to the first image codec, which is never decoded (nothing here renders a page).
 */
final class PdfInspector {

	/** Markup that makes a browser run or render the file as something else. */
	private static final List<String> MARKUP = List.of("<html", "<script", "<iframe", "<!doctype html", "<svg",
			"<?php");

	/**
	 * Codecs whose output is pixels (and the crypt filter): never decoded, their input is
	 * what counts.
	 */
	private static final Set<COSName> NOT_DECODED = Set.of(COSName.DCT_DECODE, COSName.DCT_DECODE_ABBREVIATION,
			COSName.JPX_DECODE, COSName.JBIG2_DECODE, COSName.CCITTFAX_DECODE, COSName.CCITTFAX_DECODE_ABBREVIATION,
			COSName.CRYPT);

	/** Actions that start something outside the document. */
	private static final Set<COSName> FORBIDDEN_ACTIONS = Set.of(COSName.getPDFName("Launch"),
			COSName.getPDFName("GoToE"), COSName.getPDFName("ImportData"), COSName.getPDFName("RichMediaExecute"));

	/** A nested object graph deeper or larger than this is not a porteur's document. */
	private static final int MAX_OBJECTS = 2_000_000;

	/** PDFBox's own stream cache: a few MB in memory, then a temporary file. */
	private static final long MAIN_MEMORY = 4L * 1024 * 1024;

	private static final Logger log = LoggerFactory.getLogger(PdfInspector.class);

	private PdfInspector() {
	}

	/**
	 * Refuses the file unless it is a plain, well-formed PDF.
	 * @param decodedLimit the most all its streams may decompress to, in bytes
	 * @throws FichierRefuse with the key of the reason
	 */
	static void inspect(byte[] bytes, long decodedLimit) {
		String latin1 = new String(bytes, StandardCharsets.ISO_8859_1);
		if (!latin1.startsWith("%PDF-")) {
			throw new FichierRefuse("portail.piece.pasPdf");
		}
		checkMarkup(latin1);
		measureCompressedData(bytes, latin1, decodedLimit);
		try (PDDocument document = Loader.loadPDF(bytes, "", null, null,
				MemoryUsageSetting.setupMixed(MAIN_MEMORY, decodedLimit).streamCache)) {
			if (document.isEncrypted()) {
				throw new FichierRefuse("portail.piece.pdfChiffre");
			}
			COSDocument cos = document.getDocument();
			COSDictionary catalog = cos.getTrailer().getCOSDictionary(COSName.ROOT);
			if (catalog == null || !(catalog.getDictionaryObject(COSName.PAGES) instanceof COSDictionary)
					|| document.getNumberOfPages() < 1) {
				throw new FichierRefuse("portail.piece.pdfIllisible");
			}
			List<COSStream> streams = directStreams(cos);
			measureStreams(streams, decodedLimit);
			// only now may the object streams be decoded: they were measured above
			checkObjects(cos);
		}
		catch (InvalidPasswordException ex) {
			throw new FichierRefuse("portail.piece.pdfChiffre");
		}
		catch (IOException | RuntimeException ex) {
			if (ex instanceof FichierRefuse refus) {
				throw refus;
			}
			// the reason stays in the log, for a porteur who insists the file is good
			log.info("PDF refused as unreadable: {}", ex.toString());
			throw new FichierRefuse("portail.piece.pdfIllisible");
		}
		catch (StackOverflowError ex) {
			log.info("PDF refused as unreadable: too deeply nested");
			throw new FichierRefuse("portail.piece.pdfIllisible");
		}
	}

	/**
	 * A PDF starts with its header (checked by the caller) and ends with {@code %%EOF}:
	 * HTML inside, or anything but white space after the end, is another format riding
	 * along.
	 */
	private static void checkMarkup(String latin1) {
		String lower = latin1.toLowerCase(Locale.ROOT);
		for (String marker : MARKUP) {
			if (lower.contains(marker)) {
				throw new FichierRefuse("portail.piece.pdfPolyglotte");
			}
		}
		int end = latin1.lastIndexOf("%%EOF");
		if (end < 0) {
			throw new FichierRefuse("portail.piece.pdfIllisible");
		}
		for (int i = end + 5; i < latin1.length(); i++) {
			if (!isWhiteSpace(latin1.charAt(i))) {
				throw new FichierRefuse("portail.piece.pdfPolyglotte");
			}
		}
	}

	private static boolean isWhiteSpace(char c) {
		return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0;
	}

	/**
	 * Before any parsing: every {@code stream} keyword is followed by data; where they
	 * are zlib data (FlateDecode, possibly twice), inflates them into nothing and adds
	 * up.
	 */
	private static void measureCompressedData(byte[] bytes, String latin1, long limit) {
		long total = 0;
		byte[] buffer = new byte[64 * 1024];
		int from = 0;
		while (true) {
			int keyword = latin1.indexOf("stream", from);
			if (keyword < 0) {
				return;
			}
			from = keyword + 6;
			if (keyword >= 3 && latin1.startsWith("end", keyword - 3)) {
				continue;
			}
			int start = from;
			if (start < bytes.length && bytes[start] == '\r') {
				start++;
			}
			if (start < bytes.length && bytes[start] == '\n') {
				start++;
			}
			if (start == from) {
				continue;
			}
			int end = latin1.indexOf("endstream", start);
			int length = ((end < 0) ? bytes.length : end) - start;
			try (InputStream decoded = inflateNested(new ByteArrayInputStream(bytes, start, length), 0)) {
				int read;
				while ((read = decoded.read(buffer)) > 0) {
					total += read;
					if (total > limit) {
						throw new FichierRefuse("portail.piece.pdfTropVolumineux");
					}
				}
			}
			catch (IOException ex) {
				// not zlib data, or truncated: what was inflated is counted
			}
			if (end >= 0) {
				from = end + 9;
			}
		}
	}

	/** The data inflated as many times as they look like zlib data (at most 4). */
	private static InputStream inflateNested(InputStream in, int depth) throws IOException {
		PushbackInputStream peek = new PushbackInputStream(in, 2);
		int first = peek.read();
		int second = peek.read();
		if (second >= 0) {
			peek.unread(second);
		}
		if (first >= 0) {
			peek.unread(first);
		}
		boolean zlib = first >= 0 && second >= 0 && (first & 0x0F) == 8 && ((first << 8) | second) % 31 == 0;
		if (!zlib || depth >= 4) {
			return (depth == 0) ? InputStream.nullInputStream() : peek;
		}
		return inflateNested(new InflaterInputStream(peek, new Inflater(), 8192) {

			@Override
			public void close() throws IOException {
				super.close();
				this.inf.end();
			}

		}, depth + 1);
	}

	/** The streams that are objects of their own (not inside an object stream). */
	private static List<COSStream> directStreams(COSDocument cos) throws IOException {
		List<COSStream> streams = new ArrayList<>();
		for (Map.Entry<COSObjectKey, Long> entry : cos.getXrefTable().entrySet()) {
			if (entry.getValue() == null || entry.getValue() <= 0) {
				continue;
			}
			COSObject object = cos.getObjectFromPool(entry.getKey());
			if (object != null && object.getObject() instanceof COSStream stream) {
				streams.add(stream);
			}
		}
		return streams;
	}

	/** Decodes each stream through its filters into nothing, with one budget for all. */
	private static void measureStreams(List<COSStream> streams, long limit) throws IOException {
		Budget budget = new Budget(limit);
		for (COSStream stream : streams) {
			List<Filter> filters = new ArrayList<>();
			for (COSName name : filterNames(stream)) {
				if (NOT_DECODED.contains(name)) {
					break;
				}
				filters.add(FilterFactory.INSTANCE.getFilter(name));
			}
			try (InputStream raw = stream.createRawInputStream()) {
				InputStream input = raw;
				for (int i = 0; i < filters.size(); i++) {
					if (i == filters.size() - 1) {
						filters.get(i).decode(input, budget, stream, i);
					}
					else {
						// an intermediate result is itself compressed data: a file's size
						Budget.Bounded intermediate = new Budget.Bounded(PiecesJointes.TAILLE_MAX);
						filters.get(i).decode(input, intermediate, stream, i);
						input = new ByteArrayInputStream(intermediate.toByteArray());
					}
				}
				if (filters.isEmpty()) {
					budget.add(stream.getLength());
				}
			}
		}
	}

	private static List<COSName> filterNames(COSStream stream) {
		COSBase filters = stream.getFilters();
		if (filters instanceof COSName name) {
			return List.of(name);
		}
		List<COSName> names = new ArrayList<>();
		if (filters instanceof COSArray array) {
			for (int i = 0; i < array.size(); i++) {
				if (array.getObject(i) instanceof COSName name) {
					names.add(name);
				}
			}
		}
		return names;
	}

	/**
	 * Walks every object, from the trailer and from the cross-reference table (an object
	 * nobody points to is still in the file), without recursion.
	 */
	private static void checkObjects(COSDocument cos) throws IOException {
		Set<COSBase> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Deque<COSBase> pending = new ArrayDeque<>();
		pending.push(cos.getTrailer());
		for (COSObjectKey key : cos.getXrefTable().keySet()) {
			COSObject object = cos.getObjectFromPool(key);
			if (object != null) {
				pending.push(object);
			}
		}
		while (!pending.isEmpty()) {
			COSBase base = pending.pop();
			if (base instanceof COSObject object) {
				base = object.getObject();
			}
			if (base == null || !seen.add(base)) {
				continue;
			}
			if (seen.size() > MAX_OBJECTS) {
				throw new FichierRefuse("portail.piece.pdfIllisible");
			}
			if (base instanceof COSDictionary dictionary) {
				checkDictionary(dictionary);
				for (COSBase value : dictionary.getValues()) {
					pending.push(value);
				}
			}
			else if (base instanceof COSArray array) {
				for (int i = 0; i < array.size(); i++) {
					pending.push(array.get(i));
				}
			}
		}
	}

	private static void checkDictionary(COSDictionary dictionary) {
		COSName type = dictionary.getCOSName(COSName.TYPE);
		COSName subtype = dictionary.getCOSName(COSName.SUBTYPE);
		COSName action = dictionary.getCOSName(COSName.S);
		if (dictionary.containsKey(COSName.JS) || COSName.JAVA_SCRIPT.equals(action)
				|| dictionary.containsKey(COSName.JAVA_SCRIPT) || dictionary.containsKey(COSName.XFA)
				|| scriptUri(dictionary.getString(COSName.URI))) {
			throw new FichierRefuse("portail.piece.pdfScript");
		}
		String uri = dictionary.getString(COSName.URI);
		if ((action != null && FORBIDDEN_ACTIONS.contains(action))
				|| (uri != null && uri.strip().toLowerCase(Locale.ROOT).startsWith("file:"))) {
			throw new FichierRefuse("portail.piece.pdfLancement");
		}
		if (dictionary.containsKey(COSName.EMBEDDED_FILES) || dictionary.containsKey(COSName.EF)
				|| COSName.EMBEDDED_FILE.equals(type) || COSName.getPDFName("FileAttachment").equals(subtype)) {
			throw new FichierRefuse("portail.piece.pdfFichierJoint");
		}
	}

	private static boolean scriptUri(String uri) {
		String scheme = (uri != null) ? uri.strip().toLowerCase(Locale.ROOT) : "";
		return scheme.startsWith("javascript:") || scheme.startsWith("data:");
	}

	/** Counts decoded bytes into nothing and stops past the limit. */
	private static final class Budget extends OutputStream {

		private final long limit;

		private long total;

		Budget(long limit) {
			this.limit = limit;
		}

		void add(long count) {
			this.total += count;
			if (this.total > this.limit) {
				throw new FichierRefuse("portail.piece.pdfTropVolumineux");
			}
		}

		@Override
		public void write(int b) {
			add(1);
		}

		@Override
		public void write(byte[] b, int off, int len) {
			add(len);
		}

		/** Keeps what is written, up to a limit. */
		static final class Bounded extends ByteArrayOutputStream {

			private final long limit;

			Bounded(long limit) {
				this.limit = limit;
			}

			@Override
			public synchronized void write(int b) {
				check(1);
				super.write(b);
			}

			@Override
			public synchronized void write(byte[] b, int off, int len) {
				check(len);
				super.write(b, off, len);
			}

			private void check(int more) {
				if (size() + (long) more > this.limit) {
					throw new FichierRefuse("portail.piece.pdfTropVolumineux");
				}
			}

		}

	}

}
