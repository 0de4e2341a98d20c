package fr.parcourscpts;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Parcours CPTS: the workflow service that carries a Communauté Professionnelle
 * Territoriale de Santé through its regulated creation path.
 *
 * <p>
 * The service runs in whatever time zone its JVM is given: legal dates are computed and
 * shown in Europe/Paris explicitly ({@code dossier/DatesLegales},
 * {@code dossier/JoursAffiches}), and the tests run in JVMs set to UTC and to
 * Pacific/Auckland to prove it.
 */
@SpringBootApplication
public class Application {

	/**
	 * The JDK's own XML factories, named: without a name, each
	 * {@code DatatypeFactory.newInstance()} (every timer's due date, every legal date),
	 * {@code SAXParserFactory.newInstance()} and {@code TransformerFactory.newInstance()}
	 * (every PDF) searches {@code META-INF/services} in each nested jar of the executable
	 * jar, about 1.5 % of the CPU of P1 (docs/scale.md). No jar of the application
	 * provides another implementation, so the search always ended on these same classes.
	 * A value given on the command line is kept.
	 */
	static final Map<String, String> XML_FACTORIES = Map.of("javax.xml.datatype.DatatypeFactory",
			"com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl",
			"javax.xml.parsers.SAXParserFactory", "com.sun.org.apache.xerces.internal.jaxp.SAXParserFactoryImpl",
			"javax.xml.parsers.DocumentBuilderFactory",
			"com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl",
			"javax.xml.transform.TransformerFactory",
			"com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl");

	public static void main(String[] args) {
		XML_FACTORIES.forEach((factory, implementation) -> {
			if (System.getProperty(factory) == null) {
				System.setProperty(factory, implementation);
			}
		});
		SpringApplication.run(Application.class, args);
	}

}
