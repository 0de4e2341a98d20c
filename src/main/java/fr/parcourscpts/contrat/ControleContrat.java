package fr.parcourscpts.contrat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import fr.parcourscpts.garde.ControleSorties;

/**
 * The rules on the agents' contract tasks, checked by the engine's guard before the task
 * completes: the contract takes effect between today and a year from now (French time),
 * never in the past; a signature is a signature only when the box is ticked.
 */
@Component
class ControleContrat implements ControleSorties {

	/**
	 * The latest effective date, in months from today: a contract prepared for next year.
	 */
	static final int FENETRE_EFFET_MOIS = 12;

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	private static final DateTimeFormatter JOUR = DateTimeFormatter.ofPattern("dd/MM/yyyy");

	@Override
	public void verifier(String tache, Sorties sorties, Map<String, String> erreurs) {
		switch (tache) {
			case ContratProcess.PREPARER_CONTRAT -> dateEffet(sorties, erreurs);
			case ContratProcess.SIGNER_CPAM -> signature(sorties, "signatureCpam", "la CPAM", erreurs);
			case ContratProcess.SIGNER_ARS -> signature(sorties, "signatureArs", "l'ARS", erreurs);
			default -> {
				// not a contract task of an agent
			}
		}
	}

	private static void dateEffet(Sorties sorties, Map<String, String> erreurs) {
		Object valeur = sorties.valeur(ContratProcess.DATE_EFFET_CONTRAT);
		LocalDate date;
		try {
			date = (valeur != null) ? DatesContrat.toLocalDate(valeur) : null;
		}
		catch (RuntimeException ex) {
			date = null;
		}
		if (date == null) {
			erreurs.put(ContratProcess.DATE_EFFET_CONTRAT, "la date d'effet du contrat est obligatoire");
			return;
		}
		LocalDate aujourdhui = LocalDate.ofInstant(ClockUtil.getCurrentTime().toInstant(), PARIS);
		LocalDate limite = aujourdhui.plusMonths(FENETRE_EFFET_MOIS);
		if (date.isBefore(aujourdhui)) {
			erreurs.put(ContratProcess.DATE_EFFET_CONTRAT, "la date d'effet du contrat (" + JOUR.format(date)
					+ ") ne peut pas être passée : au plus tôt le " + JOUR.format(aujourdhui));
		}
		else if (date.isAfter(limite)) {
			erreurs.put(ContratProcess.DATE_EFFET_CONTRAT, "la date d'effet du contrat (" + JOUR.format(date)
					+ ") doit être au plus tard le " + JOUR.format(limite));
		}
	}

	private static void signature(Sorties sorties, String variable, String signataire, Map<String, String> erreurs) {
		if (!sorties.vrai(variable)) {
			erreurs.put(variable, "pour signer le contrat au nom de " + signataire + ", cochez la case de signature");
		}
	}

}
