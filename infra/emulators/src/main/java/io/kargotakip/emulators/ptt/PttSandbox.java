package io.kargotakip.emulators.ptt;

import io.kargotakip.emulators.CarrierSandbox;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * A stand-in for PTT's tracking service ({@code POST /GonderiHareketV2/services/Sorgu}, operation {@code barkodSorgu}),
 * answering in the structure carriers.md §5 describes ({@code return{BARNO, sonucKodu, sonucAciklama, dongu[]}}) as an
 * Axis SOAP answer: movements per barcode, {@code sonucKodu 0 "Barkod bulunamadı"} for a barcode it was not given, a
 * wrong-password answer for other credentials (its code and wording are ours: PTT publishes neither), a SOAP fault
 * as an outage.
 */
public final class PttSandbox extends CarrierSandbox {

    public static final String CUSTOMER_ID = "sandbox-musteri";
    public static final String PASSWORD = "sandbox-sifre";
    public static final String PATH = "/GonderiHareketV2/services/Sorgu";
    public static final String NAMESPACE = "http://sorgu.ptt.gov.tr";

    public PttSandbox() {
        stub(post(urlEqualTo(PATH)).atPriority(10)
                .willReturn(xml(200, answer(null, "2", "Müşteri numarası veya şifre hatalı", List.of()))));
        stub(post(urlEqualTo(PATH)).atPriority(9)
                .withRequestBody(containing("<musteriId>" + CUSTOMER_ID + "</musteriId>"))
                .withRequestBody(containing("<sifre>" + PASSWORD + "</sifre>"))
                .willReturn(xml(200, answer(null, "0", "Barkod bulunamadı", List.of()))));
    }

    @Override
    public String carrier() {
        return "ptt";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("KARGO_CARRIER_PTT_BASE_URL", baseUrl(), "KARGO_CARRIER_PTT_CUSTOMER_ID", CUSTOMER_ID,
                "KARGO_CARRIER_PTT_PASSWORD", PASSWORD);
    }

    /** What barkodSorgu answers for this barcode from now on: success (sonucKodu 10) with these scans. */
    public void answer(String barcode, List<Scan> scans) {
        answerRaw(barcode, answer(barcode, "10", null, scans));
    }

    /** What barkodSorgu answers for this barcode from now on, as given. */
    public void answerRaw(String barcode, String soapAnswer) {
        stub(post(urlEqualTo(PATH)).atPriority(5)
                .withRequestBody(containing("<musteriId>" + CUSTOMER_ID + "</musteriId>"))
                .withRequestBody(containing("<sifre>" + PASSWORD + "</sifre>"))
                .withRequestBody(containing("<barkod>" + escape(barcode) + "</barkod>"))
                .willReturn(xml(200, soapAnswer)));
    }

    /** The service fails for this barcode from now on: a SOAP fault with HTTP 500. */
    public void outage(String barcode) {
        stub(post(urlEqualTo(PATH)).atPriority(1).withRequestBody(containing("<barkod>" + escape(barcode) + "</barkod>"))
                .willReturn(xml(500, fault())));
    }

    /** How many times the service was asked about this barcode. */
    public int trackCalls(String barcode) {
        return calls(postRequestedFor(urlEqualTo(PATH)).withRequestBody(containing("<barkod>" + escape(barcode) + "</barkod>")));
    }

    /** One PTT scan: its IKODU and ISLEM text, local Türkiye time, IMERK place. */
    public record Scan(String ikodu, String islem, LocalDateTime local, String place) {
    }

    public static Scan scan(String ikodu, String islem, String localIso, String place) {
        return new Scan(ikodu, islem, LocalDateTime.parse(localIso), place);
    }

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    /**
     * A barkodSorgu answer: {@code barcode} null leaves BARNO out (error answers), {@code sonucAciklama} null leaves it
     * out; scans oldest first, numbered by siraNo.
     */
    public static String answer(String barcode, String sonucKodu, String sonucAciklama, List<Scan> scans) {
        StringBuilder ret = new StringBuilder();
        if (barcode != null) {
            ret.append("<ax21:BARNO>").append(escape(barcode)).append("</ax21:BARNO>");
        }
        List<Scan> ordered = new ArrayList<>(scans);
        for (int i = 0; i < ordered.size(); i++) {
            Scan s = ordered.get(i);
            ret.append("<ax21:dongu><ax21:IKODU>").append(escape(s.ikodu())).append("</ax21:IKODU><ax21:IMERK>").append(escape(s.place()))
                    .append("</ax21:IMERK><ax21:ISAAT>").append(TIME.format(s.local())).append("</ax21:ISAAT><ax21:ISLEM>")
                    .append(escape(s.islem())).append("</ax21:ISLEM><ax21:ITARIH>").append(DATE.format(s.local()))
                    .append("</ax21:ITARIH><ax21:siraNo>").append(i + 1).append("</ax21:siraNo></ax21:dongu>");
        }
        if (sonucAciklama != null) {
            ret.append("<ax21:sonucAciklama>").append(escape(sonucAciklama)).append("</ax21:sonucAciklama>");
        }
        ret.append("<ax21:sonucKodu>").append(escape(sonucKodu)).append("</ax21:sonucKodu>");
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Body><ns:barkodSorguResponse xmlns:ns=\"" + NAMESPACE + "\" xmlns:ax21=\"" + NAMESPACE + "/xsd\"><ns:return>"
                + ret + "</ns:return></ns:barkodSorguResponse></soapenv:Body></soapenv:Envelope>";
    }

    /** A SOAP fault, as an Axis service answers a request it failed on. */
    public static String fault() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode><faultstring>Internal error</faultstring>"
                + "<detail/></soapenv:Fault></soapenv:Body></soapenv:Envelope>";
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder xml(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "text/xml;charset=UTF-8").withBody(body);
    }

    /** As the product's SOAP writer escapes, so a request body is matched as it is sent. */
    static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
