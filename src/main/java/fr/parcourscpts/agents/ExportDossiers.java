package fr.parcourscpts.agents;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import fr.parcourscpts.identity.Institution;

/**
 * The filtered list as a file, one line per dossier with its step, its deadline and its
 * key dates and decisions (read in one history query per thousand dossiers). CSV for
 * French Excel: UTF-8 with a byte order mark, {@code ;} between fields.
 */
@Component
class ExportDossiers {

	private static final DateTimeFormatter JOUR = DateTimeFormatter.ofPattern("dd/MM/yyyy");

	private static final int LOT = 1000;

	/** The process variables of the key dates and decisions, in column order. */
	private static final List<String> VARIABLES = List.of("verifierCompletudeDecideLe", "completude",
			"avisConsolideFinal", "deciderFinancementFirDecideLe", "decisionFir", "montantFirAccorde",
			"dateDepotProjetSante", "dateValidationTacite", "deciderProjetSanteDecideLe", "decisionProjet",
			"validationProjet");

	/** The columns, as message keys {@code agents.liste.export.<key>}. */
	static final List<String> COLONNES = List.of("reference", "nomCpts", "departement", "etape", "detenteur",
			"echeanceType", "echeanceDate", "joursRestants", "lettreDeposeeLe", "completudeDecideeLe", "completude",
			"avisUrps", "firDecideLe", "decisionFir", "montantFirAccorde", "projetDeposeLe", "validationTaciteLe",
			"projetDecideLe", "decisionProjet", "validationProjet");

	private final HistoryService history;

	private final MessageSource messages;

	ExportDossiers(HistoryService history, MessageSource messages) {
		this.history = history;
		this.messages = messages;
	}

	byte[] csv(List<LigneDossier> lignes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
			// The byte order mark tells Excel the file is UTF-8.
			writer.write('\ufeff');
			CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(';').setRecordSeparator("\r\n").get();
			try (CSVPrinter printer = new CSVPrinter(writer, format)) {
				printer.printRecord(entetes());
				for (List<String> valeurs : valeurs(lignes)) {
					printer.printRecord(valeurs);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	byte[] xlsx(List<LigneDossier> lignes) {
		// Streaming: 100 rows in memory at a time, whatever the size of the region.
		try (SXSSFWorkbook workbook = new SXSSFWorkbook(100)) {
			SXSSFSheet sheet = workbook.createSheet(message("agents.liste.export.feuille"));
			CellStyle gras = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			gras.setFont(font);
			Row entete = sheet.createRow(0);
			List<String> entetes = entetes();
			for (int i = 0; i < entetes.size(); i++) {
				entete.createCell(i).setCellValue(entetes.get(i));
				entete.getCell(i).setCellStyle(gras);
			}
			sheet.createFreezePane(0, 1);
			int numero = 1;
			for (List<String> valeurs : valeurs(lignes)) {
				Row row = sheet.createRow(numero++);
				for (int i = 0; i < valeurs.size(); i++) {
					String valeur = valeurs.get(i);
					if (!valeur.isEmpty()) {
						row.createCell(i).setCellValue(valeur);
					}
				}
			}
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			workbook.write(out);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	List<String> entetes() {
		return COLONNES.stream().map((colonne) -> message("agents.liste.export." + colonne)).toList();
	}

	/** The values of each line, as text, in the order of {@link #COLONNES}. */
	List<List<String>> valeurs(List<LigneDossier> lignes) {
		Map<String, Map<String, Object>> variables = variables(lignes);
		List<List<String>> resultat = new ArrayList<>(lignes.size());
		for (LigneDossier ligne : lignes) {
			Map<String, Object> v = variables.getOrDefault(ligne.processInstanceId(), Map.of());
			List<String> valeurs = new ArrayList<>(COLONNES.size());
			valeurs.add(ligne.reference());
			valeurs.add(ligne.nomCpts());
			valeurs.add(texte(ligne.departement()));
			valeurs.add(etape(ligne));
			valeurs.add(detenteur(ligne));
			valeurs.add((ligne.echeance() != null) ? message("agents.liste.echeance." + ligne.echeance().type().name())
					: "");
			valeurs.add((ligne.echeance() != null) ? ligne.echeance().date().format(JOUR) : "");
			valeurs.add((ligne.echeance() != null) ? Long.toString(ligne.echeance().joursRestants()) : "");
			valeurs.add(ligne.deposeLe().atZoneSameInstant(ListeDossiers.PARIS).toLocalDate().format(JOUR));
			valeurs.add(date(v.get("verifierCompletudeDecideLe")));
			valeurs.add(texte(v.get("completude")));
			valeurs.add(texte(v.get("avisConsolideFinal")));
			valeurs.add(date(v.get("deciderFinancementFirDecideLe")));
			valeurs.add(texte(v.get("decisionFir")));
			valeurs.add(texte(v.get("montantFirAccorde")));
			valeurs.add(date(v.get("dateDepotProjetSante")));
			valeurs.add(date(v.get("dateValidationTacite")));
			valeurs.add(date(v.get("deciderProjetSanteDecideLe")));
			valeurs.add(texte(v.get("decisionProjet")));
			valeurs.add(texte(v.get("validationProjet")));
			resultat.add(valeurs);
		}
		return resultat;
	}

	public String etape(LigneDossier ligne) {
		return (ligne.libelleEtape() != null) ? ligne.libelleEtape() : message("agents.liste.etape." + ligne.etape());
	}

	public String detenteur(LigneDossier ligne) {
		if (ligne.porteur()) {
			return message("agents.liste.detenteur.porteur");
		}
		if (ligne.groupe() != null) {
			return Institution.ofGroupId(ligne.groupe()).map(Institution::label).orElse(ligne.groupe());
		}
		if (ligne.taches() > 1) {
			return message("agents.liste.detenteur.plusieurs", ligne.taches());
		}
		return "";
	}

	/** The key variables of the dossiers' root instances, from the history. */
	private Map<String, Map<String, Object>> variables(List<LigneDossier> lignes) {
		Map<String, Map<String, Object>> parInstance = new HashMap<>();
		List<String> ids = lignes.stream().map(LigneDossier::processInstanceId).toList();
		for (int debut = 0; debut < ids.size(); debut += LOT) {
			List<String> lot = ids.subList(debut, Math.min(debut + LOT, ids.size()));
			List<HistoricVariableInstance> instances = this.history.createHistoricVariableInstanceQuery()
				.processInstanceIdIn(lot.toArray(String[]::new))
				.variableNameIn(VARIABLES.toArray(String[]::new))
				.disableBinaryFetching()
				.disableCustomObjectDeserialization()
				.list();
			for (HistoricVariableInstance instance : instances) {
				// Only the dossier's own scope: an URPS instance's variables are not the
				// dossier's.
				if (instance.getValue() != null && instance.getExecutionId().equals(instance.getProcessInstanceId())) {
					parInstance.computeIfAbsent(instance.getProcessInstanceId(), (id) -> new HashMap<>())
						.put(instance.getName(), instance.getValue());
				}
			}
		}
		return parInstance;
	}

	private static String date(Object valeur) {
		if (valeur instanceof Date date) {
			return LocalDate.ofInstant(date.toInstant(), ListeDossiers.PARIS).format(JOUR);
		}
		return texte(valeur);
	}

	private static String texte(Object valeur) {
		if (valeur instanceof Double nombre && nombre == Math.rint(nombre)) {
			return Long.toString(nombre.longValue());
		}
		return (valeur != null) ? valeur.toString() : "";
	}

	private String message(String code, Object... args) {
		return this.messages.getMessage(code, args, LocaleContextHolder.getLocale());
	}

}
