package io.kargotakip.carriers.yurtici;

import io.kargotakip.carriers.kit.SafeXml;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What goes over the wire: the request the client sends and the body it hands on. */
class YurticiWireFormatTest {

    @Test
    void theRequestHasTheOperationInYksNamespaceAndItsParametersUnqualified() throws Exception {
        byte[] request = YurticiRequest.queryShipment("ws-user", "p<&>ss", "TR", List.of("KT-1", "KT-2"));

        Document doc = new SafeXml("test").parse(request);
        Element operation = SafeXml.find(doc.getDocumentElement(), "queryShipment").orElseThrow();
        assertThat(operation.getNamespaceURI()).isEqualTo("http://yurticikargo.com.tr/ShippingOrderDispatcherServices");
        List<String> names = new java.util.ArrayList<>();
        for (org.w3c.dom.Node n = operation.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                assertThat(e.getNamespaceURI()).as(e.getLocalName()).isNull();
                names.add(e.getLocalName() + "=" + e.getTextContent());
            }
        }
        assertThat(names).containsExactly("wsUserName=ws-user", "wsPassword=p<&>ss", "wsLanguage=TR", "keys=KT-1", "keys=KT-2",
                "keyType=0", "addHistoricalData=true", "onlyTracking=false");
    }

    @Test
    void aKeyCannotBecomeMarkup() throws Exception {
        byte[] request = YurticiRequest.queryShipment("u", "p", "TR", List.of("</keys><keyType>1</keyType><keys>x"));

        Element operation = SafeXml.find(new SafeXml("test").parse(request).getDocumentElement(), "queryShipment").orElseThrow();
        assertThat(SafeXml.children(operation, "keys")).hasSize(1);
        assertThat(SafeXml.childText(operation, "keyType")).isEqualTo("0");
    }

    @Test
    void aBodyInALegacyCharsetThatDoesNotSaySoIsReEncodedAsUtf8() {
        String text = "<ShippingDeliveryVO><outResult>Başarılı İŞLEM</outResult></ShippingDeliveryVO>";
        byte[] windows1254 = text.getBytes(Charset.forName("windows-1254"));

        assertThat(new String(YurticiTrackingClient.selfDescribing(windows1254, "text/xml;charset=windows-1254"), StandardCharsets.UTF_8))
                .isEqualTo(text);
        assertThat(new String(YurticiTrackingClient.selfDescribing(text.getBytes(Charset.forName("ISO-8859-9")),
                "text/xml; charset=\"ISO-8859-9\""), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void aBodyThatNamesItsEncodingOrIsUtf8IsHandedOnUnchanged() {
        byte[] declared = ("<?xml version=\"1.0\" encoding=\"windows-1254\"?><a>ş</a>").getBytes(Charset.forName("windows-1254"));
        byte[] utf8 = "<a>ş</a>".getBytes(StandardCharsets.UTF_8);

        assertThat(YurticiTrackingClient.selfDescribing(declared, "text/xml; charset=ISO-8859-9")).isSameAs(declared);
        assertThat(YurticiTrackingClient.selfDescribing(utf8, "text/xml; charset=utf-8")).isSameAs(utf8);
        assertThat(YurticiTrackingClient.selfDescribing(utf8, "text/xml")).isSameAs(utf8);
        assertThat(YurticiTrackingClient.selfDescribing(utf8, null)).isSameAs(utf8);
        assertThat(YurticiTrackingClient.selfDescribing(utf8, "text/xml; charset=no-such-charset")).isSameAs(utf8);
    }
}
