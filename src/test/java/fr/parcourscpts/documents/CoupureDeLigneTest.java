package fr.parcourscpts.documents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CoupureDeLigneTest {

	@Test
	void aLineNeverBreaksInsideADate() {
		String text = "sera réputé validé le 14/03/2026 à minuit, voir https://exemple.fr/a/b";
		CoupureDeLigne coupure = new CoupureDeLigne();
		coupure.setText(text);
		List<Integer> breaks = new ArrayList<>();
		for (int position = coupure.next(); position > 0 && position < text.length(); position = coupure.next()) {
			breaks.add(position);
		}
		int date = text.indexOf("14/03/2026");
		assertThat(breaks).contains(date).contains(date + "14/03/2026 ".length());
		assertThat(breaks).noneMatch((position) -> position > date && position < date + "14/03/2026".length());
	}

}
