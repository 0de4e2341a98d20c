package fr.parcourscpts.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.junit.jupiter.api.Test;

/**
 * Each agents' form gets the display variables it shows, and no other: read against the
 * forms of {@code forms/} and the models of {@code bpmn/}, with every raw value a process
 * may hold present.
 */
class LibellesFormulairesTest {

	private static final Pattern AFFICHEE = Pattern.compile("\\b\\w+(Libelle|Jour)\\b");

	@Test
	void eachFormGetsExactlyTheDisplayVariablesItNames() throws Exception {
		LibellesFormulaires libelles = new LibellesFormulaires(mock(Formats.class, (invocation) -> "texte"));
		Set<String> formes = formRefs();
		assertThat(formes).hasSize(12);
		for (String formRef : formes) {
			Path form = Path.of("forms", formRef + ".form");
			assertThat(form).as("the form of %s, looked up by its formRef", formRef).exists();
			Set<String> montrees = new TreeSet<>();
			Matcher mot = AFFICHEE.matcher(Files.readString(form));
			while (mot.find()) {
				montrees.add(mot.group());
			}

			Map<String, Object> ecrites = creer(libelles, formRef);

			assertThat(new TreeSet<>(ecrites.keySet())).as(formRef).isEqualTo(montrees);
			assertThat(HistoriqueSansAffichage.variablesAffichees()).as(formRef).containsAll(montrees);
		}
	}

	@Test
	void aFormNotInTheJarGetsEveryDisplayVariableAsBefore() {
		LibellesFormulaires libelles = new LibellesFormulaires(mock(Formats.class, (invocation) -> "texte"));

		Map<String, Object> ecrites = creer(libelles, "formulaireInconnu");

		Set<String> attendues = new HashSet<>(HistoriqueSansAffichage.variablesAffichees());
		attendues.removeAll(HistoriqueSansAffichage.COLONNES_DES_FILTRES);
		assertThat(ecrites.keySet()).isEqualTo(attendues);
	}

	/** A task created with the form, every raw value present: what it writes. */
	private static Map<String, Object> creer(LibellesFormulaires libelles, String formRef) {
		Map<String, Object> brutes = new HashMap<>();
		LibellesFormulaires.MONTANTS.forEach((montant) -> brutes.put(montant, 1000.0));
		LibellesFormulaires.NOMBRES.forEach((nombre) -> brutes.put(nombre, 26632L));
		LibellesFormulaires.DATES.forEach((date) -> brutes.put(date, new Date()));
		brutes.put("communes", "31555,31069");
		brutes.put("porteur", "porteur.76");
		brutes.put("urps", "urps-biologistes");
		DelegateExecution execution = mock(DelegateExecution.class);
		when(execution.getVariable(anyString())).thenAnswer((call) -> brutes.get(call.<String>getArgument(0)));
		UserTask userTask = mock(UserTask.class);
		when(userTask.getCamundaFormRef()).thenReturn(formRef);
		DelegateTask task = mock(DelegateTask.class);
		when(task.getEventName()).thenReturn(TaskListener.EVENTNAME_CREATE);
		when(task.getExecution()).thenReturn(execution);
		when(task.getBpmnModelElementInstance()).thenReturn(userTask);
		when(task.getDueDate()).thenReturn(new Date());
		when(task.getVariable(anyString())).thenAnswer((call) -> brutes.get(call.<String>getArgument(0)));
		Map<String, Object> ecrites = new HashMap<>();
		org.mockito.Mockito.doAnswer((call) -> ecrites.put(call.getArgument(0), call.getArgument(1)))
			.when(task)
			.setVariableLocal(anyString(), org.mockito.ArgumentMatchers.any());
		libelles.on(task);
		return ecrites;
	}

	private static Set<String> formRefs() throws Exception {
		Set<String> refs = new TreeSet<>();
		Pattern ref = Pattern.compile("camunda:formRef=\"([^\"]+)\"");
		try (Stream<Path> modeles = Files.list(Path.of("bpmn"))) {
			for (Path modele : modeles.filter((p) -> p.toString().endsWith(".bpmn")).toList()) {
				Matcher m = ref.matcher(Files.readString(modele));
				while (m.find()) {
					refs.add(m.group(1));
				}
			}
		}
		return refs;
	}

}
