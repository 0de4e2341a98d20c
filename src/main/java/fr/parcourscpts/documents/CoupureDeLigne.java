package fr.parcourscpts.documents;

import java.text.BreakIterator;
import java.util.Locale;

import com.openhtmltopdf.extend.FSTextBreaker;
import com.openhtmltopdf.layout.UrlAwareLineBreakIterator;

/**
 * Where a document's line may break: openhtmltopdf's default (Unicode line breaking, in
 * French) except on either side of a slash between digits (the URL-aware default breaks
 * before a slash), so that a date ("14/03/2026") is never cut across two lines.
 */
class CoupureDeLigne implements FSTextBreaker {

	private final FSTextBreaker defaut = new UrlAwareLineBreakIterator(BreakIterator.getLineInstance(Locale.FRANCE));

	private String text = "";

	@Override
	public void setText(String newText) {
		this.text = newText;
		this.defaut.setText(newText);
	}

	@Override
	public int next() {
		int position = this.defaut.next();
		while (position > 0 && position < this.text.length() && insideADate(position)) {
			position = this.defaut.next();
		}
		return position;
	}

	private boolean insideADate(int position) {
		char before = this.text.charAt(position - 1);
		char after = this.text.charAt(position);
		return (Character.isDigit(before) && after == '/') || (before == '/' && Character.isDigit(after));
	}

}
