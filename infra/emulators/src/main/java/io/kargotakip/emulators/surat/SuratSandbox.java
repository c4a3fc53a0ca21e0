package io.kargotakip.emulators.surat;

import io.kargotakip.emulators.CarrierSandbox;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * A stand-in for Sürat's ASMX service ({@code POST /services.asmx}, operation {@code KargoTakipHareketDetayliV2}):
 * the SOAP 1.1 envelope is Sürat's published WSDL; the result string inside is the product's GUESS of its content
 * (see the carrier's parser) — movement lines or DataSet rows, a "Kayıt bulunamadı" message for a key without
 * movements, a wrong-password message for other credentials. Answers are set per WebSiparisKodu.
 */
public final class SuratSandbox extends CarrierSandbox {

    public static final String CARI_KODU = "sandbox-cari";
    public static final String PASSWORD = "sandbox-sifre";
    public static final String PATH = "/services.asmx";
    public static final String SOAP_ACTION = "\"http://tempuri.org/KargoTakipHareketDetayliV2\"";
    public static final String NOT_FOUND = "Kayıt bulunamadı";
    public static final String WRONG_PASSWORD = "Cari kodu veya web servis şifresi hatalı.";

    public SuratSandbox() {
        // the least specific answers first: WireMock prefers the most recently added of equal priority
        stub(post(urlEqualTo(PATH)).atPriority(10).willReturn(xml(200, envelope(WRONG_PASSWORD))));
        stub(post(urlEqualTo(PATH)).atPriority(9).withRequestBody(containing("<CariKodu>" + CARI_KODU + "</CariKodu>"))
                .withRequestBody(containing("<Sifre>" + PASSWORD + "</Sifre>"))
                .willReturn(xml(200, envelope(NOT_FOUND))));
    }

    @Override
    public String carrier() {
        return "surat";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("KARGO_CARRIER_SURAT_BASE_URL", baseUrl(), "KARGO_CARRIER_SURAT_CARI_KODU", CARI_KODU,
                "KARGO_CARRIER_SURAT_PASSWORD", PASSWORD);
    }

    /** What the service answers for this WebSiparisKodu from now on: an envelope around this result string. */
    public void answer(String webSiparisKodu, String result) {
        stub(post(urlEqualTo(PATH)).atPriority(5).withHeader("SOAPAction", equalTo(SOAP_ACTION))
                .withRequestBody(containing("<CariKodu>" + CARI_KODU + "</CariKodu>"))
                .withRequestBody(containing("<Sifre>" + PASSWORD + "</Sifre>"))
                .withRequestBody(containing("<WebSiparisKodu>" + escape(webSiparisKodu) + "</WebSiparisKodu>"))
                .willReturn(xml(200, envelope(result))));
    }

    /** The service fails for this WebSiparisKodu from now on: ASMX's HTTP 500 SOAP fault. */
    public void outage(String webSiparisKodu) {
        stub(post(urlEqualTo(PATH)).atPriority(1)
                .withRequestBody(containing("<WebSiparisKodu>" + escape(webSiparisKodu) + "</WebSiparisKodu>"))
                .willReturn(xml(500, fault())));
    }

    /** How many times the service was asked about this WebSiparisKodu. */
    public int trackCalls(String webSiparisKodu) {
        return calls(postRequestedFor(urlEqualTo(PATH))
                .withRequestBody(containing("<WebSiparisKodu>" + escape(webSiparisKodu) + "</WebSiparisKodu>")));
    }

    /** One movement as the guessed format carries it: Sürat's text, local Türkiye time, place. */
    public record Movement(String text, LocalDateTime local, String place) {
    }

    public static Movement movement(String text, String localIso, String place) {
        return new Movement(text, LocalDateTime.parse(localIso), place);
    }

    private static final DateTimeFormatter TR = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss", Locale.ROOT);

    /** Result string as {@code status|datetime|location} lines (OMNI-surat's assumption), oldest first. */
    public static String movementLines(List<Movement> movements) {
        return movements.stream().map(m -> m.text() + "|" + TR.format(m.local()) + "|" + m.place())
                .collect(Collectors.joining("\n"));
    }

    /** Result string as a DataSet's XML (the other guessed shape), oldest first; a Sürat tracking number on each row. */
    public static String movementRows(String suratNumber, List<Movement> movements) {
        return "<NewDataSet>" + movements.stream().map(m -> "<Table><KargoTakipNo>" + escape(suratNumber) + "</KargoTakipNo><Tarih>"
                + TR.format(m.local()) + "</Tarih><Birim>" + escape(m.place()) + "</Birim><Hareket>" + escape(m.text())
                + "</Hareket></Table>").collect(Collectors.joining()) + "</NewDataSet>";
    }

    /** Sürat's SOAP answer around a result string (escaped, as ASMX writes a string). */
    public static String envelope(String result) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
                + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"><soap:Body>"
                + "<KargoTakipHareketDetayliV2Response xmlns=\"http://tempuri.org/\"><KargoTakipHareketDetayliV2Result>"
                + escape(result) + "</KargoTakipHareketDetayliV2Result></KargoTakipHareketDetayliV2Response></soap:Body></soap:Envelope>";
    }

    /** ASMX's answer to a request it failed on. */
    public static String fault() {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Body><soap:Fault><faultcode>soap:Server</faultcode><faultstring>Server was unable to process request."
                + "</faultstring><detail /></soap:Fault></soap:Body></soap:Envelope>";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml; charset=utf-8").withBody(body);
    }

    /** As the product's SOAP writer escapes, so a request body is matched as it is sent. */
    static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
