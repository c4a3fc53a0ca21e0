package io.kargotakip.carriers.aras;

import io.kargotakip.carriers.kit.SafeXml;
import io.kargotakip.carriers.kit.Soap;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kargotakip.carriers.aras.ArasFixtures.bytes;
import static org.assertj.core.api.Assertions.assertThat;

class ArasQueryTest {

    private final SafeXml xml = new SafeXml("test");

    @Test
    void loginInfoAndQueryInfoHaveTheDocumentedElements() throws Exception {
        String sample = new String(bytes("aras-getquery-request-example.xml"), StandardCharsets.UTF_8);

        assertThat(childNames(ArasQuery.loginInfo("u", "p", "123"))).isEqualTo(childNames(fragment(sample, "LoginInfo")))
                .containsExactly("UserName", "Password", "CustomerCode");
        // QueryType 39 as the PDF's §2.2.29 example writes it: the sample's QueryType 1 elements plus CustomerCode
        assertThat(childNames(ArasQuery.queryInfo("123", List.of("a")))).containsExactly("QueryType", "CustomerCode", "IntegrationCode");
        assertThat(childNames(fragment(sample, "QueryInfo"))).containsExactly("QueryType", "IntegrationCode");
    }

    @Test
    void theRequestCarriesBothXmlStringsEscapedAndTheCodesCommaSeparated() throws Exception {
        Soap.Request request = ArasQuery.request("user<1>", "p&ss\"'", "1932448851342", List.of("SIP-1", "SIP-2", "SIP-3"));
        String text = request.toString();

        assertThat(text).contains("&lt;LoginInfo&gt;").doesNotContain("<LoginInfo>");
        Element operation = Soap.body(xml.parse(request.toBytes()), "test");
        assertThat(operation.getLocalName()).isEqualTo("GetQueryJSON");
        assertThat(operation.getNamespaceURI()).isEqualTo("http://tempuri.org/");

        Element login = xml.parse(SafeXml.childText(operation, "loginInfo").getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        assertThat(SafeXml.childText(login, "UserName")).isEqualTo("user<1>");
        assertThat(SafeXml.childText(login, "Password")).isEqualTo("p&ss\"'");
        assertThat(SafeXml.childText(login, "CustomerCode")).isEqualTo("1932448851342");

        Element query = xml.parse(SafeXml.childText(operation, "queryInfo").getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        assertThat(SafeXml.childText(query, "QueryType")).isEqualTo("39");
        assertThat(SafeXml.childText(query, "CustomerCode")).isEqualTo("1932448851342");
        assertThat(SafeXml.childText(query, "IntegrationCode")).isEqualTo("SIP-1,SIP-2,SIP-3");
    }

    @Test
    void theSoapActionFollowsWcfsConvention() {
        assertThat(ArasQuery.SOAP_ACTION).isEqualTo("\"http://tempuri.org/IArasCargoIntegrationService/GetQueryJSON\"");
    }

    private List<String> childNames(String document) throws Exception {
        Element root = xml.parse(document.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
        List<String> names = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                names.add(e.getLocalName());
            }
        }
        return names;
    }

    /** One of the sample's two XML strings (the file holds both, so it is not one document). */
    private static String fragment(String sample, String element) {
        Matcher m = Pattern.compile("<" + element + ">.*?</" + element + ">", Pattern.DOTALL).matcher(sample);
        assertThat(m.find()).isTrue();
        return m.group();
    }
}
