package fr.parcourscpts;

import java.util.ServiceLoader;

import javax.xml.datatype.DatatypeFactory;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.TransformerFactory;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The XML factories named at start ({@link Application#XML_FACTORIES}) are the ones the
 * JDK's search ends on: its defaults, and no jar of the application provides another.
 */
class XmlFactoriesTest {

	@Test
	void namesTheJdkDefaultOfEachFactory() {
		assertThat(Application.XML_FACTORIES).containsEntry(DatatypeFactory.class.getName(),
				DatatypeFactory.newDefaultInstance().getClass().getName());
		assertThat(Application.XML_FACTORIES).containsEntry(SAXParserFactory.class.getName(),
				SAXParserFactory.newDefaultInstance().getClass().getName());
		assertThat(Application.XML_FACTORIES).containsEntry(DocumentBuilderFactory.class.getName(),
				DocumentBuilderFactory.newDefaultInstance().getClass().getName());
		assertThat(Application.XML_FACTORIES).containsEntry(TransformerFactory.class.getName(),
				TransformerFactory.newDefaultInstance().getClass().getName());
		assertThat(Application.XML_FACTORIES).hasSize(4);
	}

	@Test
	void noJarOfTheClassPathProvidesAnotherImplementation() {
		assertThat(ServiceLoader.load(DatatypeFactory.class).findFirst()).isEmpty();
		assertThat(ServiceLoader.load(SAXParserFactory.class).findFirst()).isEmpty();
		assertThat(ServiceLoader.load(DocumentBuilderFactory.class).findFirst()).isEmpty();
		assertThat(ServiceLoader.load(TransformerFactory.class).findFirst()).isEmpty();
	}

}
