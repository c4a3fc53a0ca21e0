package io.kargotakip.carriers.kit;

import com.sun.net.httpserver.HttpServer;
import io.kargotakip.core.carrier.PayloadException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class SafeXmlTest {

    private static final String SECRET = "kargo-secret-file-content";
    private static final Duration NO_HANG = Duration.ofSeconds(10);

    private final SafeXml xml = new SafeXml("Yurtiçi");

    @Test
    void readsACarrierSoapAnswerByLocalName() throws Exception {
        Document doc = xml.parse(bytes("""
                <?xml version="1.0" encoding="UTF-8"?>
                <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
                  <soap:Body><ns2:queryShipmentResponse xmlns:ns2="http://yurticikargo.com.tr/ShippingOrderDispatcherServices">
                    <ShippingDeliveryVO><outFlag>0</outFlag><outResult>Başarılı</outResult>
                      <shippingDeliveryDetailVO><operationStatus>IND</operationStatus>
                        <operationMessage> Kargo Teslimattadır. </operationMessage></shippingDeliveryDetailVO>
                    </ShippingDeliveryVO></ns2:queryShipmentResponse></soap:Body></soap:Envelope>
                """));

        Element vo = SafeXml.find(doc.getDocumentElement(), "ShippingDeliveryVO").orElseThrow();
        assertThat(SafeXml.childText(vo, "outResult")).isEqualTo("Başarılı");
        Element detail = SafeXml.children(vo, "shippingDeliveryDetailVO").get(0);
        assertThat(SafeXml.childText(detail, "operationMessage")).isEqualTo("Kargo Teslimattadır.");
        assertThat(SafeXml.childText(detail, "missing")).isNull();
    }

    @Test
    void readsTheDeclaredEncoding() throws Exception {
        byte[] latin5 = "<?xml version=\"1.0\" encoding=\"ISO-8859-9\"?><a>TESLİM EDİLDİ, şğı</a>"
                .getBytes(Charset.forName("ISO-8859-9"));
        assertThat(xml.parse(latin5).getDocumentElement().getTextContent()).isEqualTo("TESLİM EDİLDİ, şğı");
    }

    @Test
    void billionLaughsIsRefusedWithoutHanging() {
        String lol = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [
                 <!ENTITY lol "lol">
                 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
                 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
                 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
                 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
                 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
                ]>
                <lolz>&lol9;</lolz>
                """;
        assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(() -> xml.parse(bytes(lol)))
                .isInstanceOf(PayloadException.class)
                .hasMessage("Yurtiçi payload is not accepted: it declares a DTD"));
    }

    @Test
    void externalEntityToAFileIsRefusedAndTheFileIsNotRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><r>&x;</r>";

        assertThatThrownBy(() -> xml.parse(bytes(xxe)))
                .isInstanceOf(PayloadException.class)
                .hasMessage("Yurtiçi payload is not accepted: it declares a DTD")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
    }

    @Test
    void externalEntitiesDtdsAndXIncludeToAUrlAreNeverFetched() throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = "<!ENTITY leak \"x\">".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/x";
        try {
            String[] attacks = {
                    "<!DOCTYPE r [<!ENTITY x SYSTEM \"" + url + "\">]><r>&x;</r>",
                    "<!DOCTYPE r [<!ENTITY % p SYSTEM \"" + url + "\"> %p;]><r/>",
                    "<!DOCTYPE r SYSTEM \"" + url + "\"><r/>",
            };
            for (String attack : attacks) {
                assertThatThrownBy(() -> xml.parse(bytes(attack))).as(attack).isInstanceOf(PayloadException.class);
            }
            // XInclude is not a DTD: the document parses, the include stays an inert element
            Document doc = xml.parse(bytes("<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\"" + url
                    + "\" parse=\"text\"/></r>"));
            assertThat(SafeXml.children(doc.getDocumentElement(), "include")).hasSize(1);
            assertThat(doc.getDocumentElement().getTextContent()).isEmpty();
        } finally {
            server.stop(0);
        }
        assertThat(requests).hasValue(0);
    }

    @Test
    void xIncludeOfAFileIsNotIncluded(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), SECRET);
        Document doc = xml.parse(bytes("<r xmlns:xi=\"http://www.w3.org/2001/XInclude\"><xi:include href=\""
                + secret.toUri() + "\" parse=\"text\"/></r>"));
        assertThat(doc.getDocumentElement().getTextContent()).doesNotContain(SECRET);
    }

    @Test
    void oversizeInputIsRefusedBeforeParsing() {
        SafeXml small = new SafeXml("Aras", 1024);
        byte[] big = bytes("<r>" + "a".repeat(2000) + "</r>");
        assertThatThrownBy(() -> small.parse(big))
                .isInstanceOf(PayloadException.class).hasMessage("Aras payload is larger than 1024 bytes");
        assertThatThrownBy(() -> new SafeXml("Aras").parse(new byte[SafeXml.DEFAULT_MAX_BYTES + 1]))
                .isInstanceOf(PayloadException.class).hasMessageContaining("larger than");
    }

    @Test
    void deepNestingIsRefused() {
        int depth = SafeXml.MAX_ELEMENT_DEPTH + 10;
        String deep = "<a>".repeat(depth) + "</a>".repeat(depth);
        assertTimeoutPreemptively(NO_HANG, () -> assertThatThrownBy(() -> xml.parse(bytes(deep)))
                .isInstanceOf(PayloadException.class).hasMessage("Yurtiçi payload is not well-formed XML"));
    }

    @Test
    void malformedXmlIsAPayloadExceptionThatDoesNotEchoNorPrintTheDocument() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            for (String bad : new String[] {"<r>1Z999AA10123456784", "not xml 1Z999AA10123456784", "<r></s>", "\u0000\u0001"}) {
                assertThatThrownBy(() -> xml.parse(bytes(bad))).as(bad)
                        .isInstanceOf(PayloadException.class)
                        .hasMessage("Yurtiçi payload is not well-formed XML").hasNoCause();
            }
            assertThatThrownBy(() -> xml.parse(new byte[0])).isInstanceOf(PayloadException.class).hasMessage("Yurtiçi payload is empty");
            assertThatThrownBy(() -> xml.parse(null)).isInstanceOf(PayloadException.class);
        } finally {
            System.setErr(stderr);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("1Z999AA10123456784");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
