package org.tailor.runtime.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * What Karaf will see: the Declarative Services and Metatype descriptors bnd generated from the
 * annotations, read from the build output.
 */
class SmtpTransportComponentTest {

    private static Document read(String resource) throws Exception {
        try (InputStream in = SmtpTransportComponentTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static Map<String, Element> byAttribute(NodeList nodes, String attribute) {
        Map<String, Element> map = new HashMap<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            map.put(e.getAttribute(attribute), e);
        }
        return map;
    }

    @Test
    void registersAsTheSmtpTransportOnlyWhenConfigured() throws Exception {
        Element component = read("OSGI-INF/org.tailor.runtime.internal.SmtpTransport.xml").getDocumentElement();
        assertThat(component.getAttribute("configuration-pid")).isEqualTo("org.tailor.transport.smtp");
        assertThat(component.getAttribute("configuration-policy")).isEqualTo("require");

        Map<String, Element> properties = byAttribute(component.getElementsByTagName("property"), "name");
        assertThat(properties.get("tailor.transport").getAttribute("value")).isEqualTo("smtp");
        // A leading dot keeps the password off the service registration.
        assertThat(properties).containsKey(".password").doesNotContainKey("password");

        Element provide = (Element) component.getElementsByTagName("provide").item(0);
        assertThat(provide.getAttribute("interface")).isEqualTo("org.tailor.api.delivery.Transport");

        Element reference = (Element) component.getElementsByTagName("reference").item(0);
        assertThat(reference.getAttribute("interface")).isEqualTo("org.tailor.api.consent.SuppressionList");
        assertThat(reference.getAttribute("cardinality")).isEqualTo("0..1");
        assertThat(reference.getAttribute("policy")).isEqualTo("dynamic");
    }

    @Test
    void describesThePasswordAsAPassword() throws Exception {
        Document metatype = read("OSGI-INF/metatype/org.tailor.runtime.internal.SmtpTransportConfig.xml");
        Map<String, Element> attributes = byAttribute(metatype.getElementsByTagName("AD"), "id");
        assertThat(attributes.get(".password").getAttribute("type")).isEqualTo("Password");
        assertThat(attributes.get(".password").getAttribute("default")).isEmpty();
        assertThat(attributes.get("tls.mode").getElementsByTagName("Option").getLength()).isEqualTo(4);
        Element designate = (Element) metatype.getElementsByTagName("Designate").item(0);
        assertThat(designate.getAttribute("pid")).isEqualTo("org.tailor.transport.smtp");
    }

    @Test
    void theShippedConfigurationUsesOnlyKnownKeysAndActivates() throws Exception {
        Path shipped = Path.of("../../distribution/src/main/resources/assembly/etc/org.tailor.transport.smtp.cfg");
        Properties cfg = new Properties();
        try (Reader in = Files.newBufferedReader(shipped)) {
            cfg.load(in);
        }
        Document metatype = read("OSGI-INF/metatype/org.tailor.runtime.internal.SmtpTransportConfig.xml");
        assertThat(byAttribute(metatype.getElementsByTagName("AD"), "id").keySet())
                .containsAll(cfg.stringPropertyNames());
        Map<String, Object> properties = new HashMap<>();
        cfg.stringPropertyNames().forEach(k -> properties.put(k, cfg.getProperty(k)));
        new SmtpTransport(SmtpTestSupport.config(properties), null, System::nanoTime, Sleeper.THREAD).close();
    }
}
