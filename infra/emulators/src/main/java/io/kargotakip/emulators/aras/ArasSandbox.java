package io.kargotakip.emulators.aras;

import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.kargotakip.emulators.CarrierSandbox;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

/**
 * A stand-in for Aras Kargo's query service, in the shape the product reads (Aras publishes no sample answer, so the
 * answer's framing is the one inferred in the carrier package: a WCF {@code GetQueryJSONResponse} whose result is a
 * JSON array of QueryType 39 rows). It checks the SOAPAction and the user, password and customer code in the body,
 * answers "Kullanıcı adı veya şifre hatalı." to anything else, and answers a batch (QueryType 39's comma-separated
 * MÖK list) with exactly the rows of the MÖKs asked that it knows: the others are simply absent, as not found.
 * Builders write rows and pushes (Aras calling our web service) from a small list of scans.
 */
public final class ArasSandbox extends CarrierSandbox {

    public static final String USER = "sandbox-aras-user";
    public static final String PASSWORD = "sandbox-aras-password";
    public static final String CUSTOMER_CODE = "9990000000001";
    /** What Aras's pushes carry in UserName/Password: {@code KARGO_WEBHOOK_ARAS_SECRET} is {@code user:password}. */
    public static final String PUSH_USER = "sandbox-aras-push";
    public static final String PUSH_PASSWORD = "sandbox-aras-push-password";
    public static final String SERVICE_PATH = "/ArasCargoCustomerIntegrationService/ArasCargoIntegrationService.svc";
    public static final String SOAP_ACTION = "\"http://tempuri.org/IArasCargoIntegrationService/GetQueryJSON\"";

    /** MÖKs the sandbox can tell apart inside a comma list with a plain pattern (no quoting in the template). */
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm:ss", Locale.ROOT);

    private final Map<String, String> rows = new LinkedHashMap<>();
    private StubMapping answers;

    public ArasSandbox() {
        // anything not carrying the sandbox's credentials: Aras's (inferred) refusal, as a message instead of rows
        stub(post(urlEqualTo(SERVICE_PATH)).atPriority(10)
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=utf-8")
                        .withBody(answer("Kullanıcı adı veya şifre hatalı."))));
        refresh();
    }

    @Override
    public String carrier() {
        return "aras";
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("KARGO_CARRIER_ARAS_BASE_URL", baseUrl(), "KARGO_CARRIER_ARAS_SERVICE_PATH", SERVICE_PATH,
                "KARGO_CARRIER_ARAS_USER", USER, "KARGO_CARRIER_ARAS_PASSWORD", PASSWORD,
                "KARGO_CARRIER_ARAS_CUSTOMER_CODE", CUSTOMER_CODE);
    }

    /** From now on, a query asking about this MÖK gets the row of the latest of these scans. */
    public synchronized void answer(String integrationCode, String trackingNumber, List<Scan> scans) {
        rows.put(key(integrationCode), row(integrationCode, trackingNumber, scans));
        refresh();
    }

    /** From now on this MÖK is not found (no row). */
    public synchronized void forget(String integrationCode) {
        rows.remove(key(integrationCode));
        refresh();
    }

    /** A query asking about this MÖK fails from now on (HTTP 503 from the load balancer, not a SOAP answer). */
    public void outage(String integrationCode) {
        stub(post(urlEqualTo(SERVICE_PATH)).atPriority(1).withRequestBody(matching(asked(key(integrationCode))))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "text/html")
                        .withBody("<html><body>Service Unavailable</body></html>")));
    }

    /** How many queries asked about this MÖK (alone or in a batch). */
    public int queryCalls(String integrationCode) {
        return calls(postRequestedFor(urlEqualTo(SERVICE_PATH)).withRequestBody(matching(asked(key(integrationCode)))));
    }

    /**
     * One answer for every batch: WireMock's response template keeps, of the known rows, those whose MÖK is in the
     * request's IntegrationCode list (the queryInfo travels escaped, hence {@code &lt;}), comma-separated.
     */
    private synchronized void refresh() {
        StringBuilder template = new StringBuilder("[");
        rows.forEach((code, row) -> template.append("{{#if (matches request.body '").append(asked(code)).append("')}}")
                .append("{{#if @hit}},{{/if}}").append(escape(row)).append("{{#assign 'hit'}}1{{/assign}}{{/if}}"));
        template.append(']');
        StubMapping previous = answers;
        answers = server.stubFor(post(urlEqualTo(SERVICE_PATH)).atPriority(5)
                .withHeader("SOAPAction", equalTo(SOAP_ACTION))
                .withHeader("Content-Type", containing("text/xml"))
                .withRequestBody(containing("&lt;UserName&gt;" + USER + "&lt;/UserName&gt;"))
                .withRequestBody(containing("&lt;Password&gt;" + PASSWORD + "&lt;/Password&gt;"))
                .withRequestBody(containing("&lt;CustomerCode&gt;" + CUSTOMER_CODE + "&lt;/CustomerCode&gt;"))
                .withRequestBody(containing("&lt;QueryType&gt;39&lt;/QueryType&gt;"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=utf-8")
                        .withBody(envelope(template.toString())).withTransformers("response-template")));
        if (previous != null) {
            server.removeStub(previous);
        }
    }

    /** The body asks about this MÖK: it stands alone, first, last or inside the comma list. */
    private static String asked(String code) {
        return "(?s).*IntegrationCode&gt;(?:[^&<]*,)?" + code + "(?:,[^&<]*)?&lt;/IntegrationCode.*";
    }

    private static String key(String integrationCode) {
        if (integrationCode == null || !KEY.matcher(integrationCode).matches()) {
            throw new IllegalArgumentException("sandbox MÖKs are 1-64 letters, digits, '-' or '_'");
        }
        return integrationCode;
    }

    // ---- builders ---------------------------------------------------------------------------------

    /**
     * One Aras state: DURUM KODU, TİP KODU (1 normal, 3 return), devir code (or null), when, at which branch, and
     * Aras's text (DURUMU).
     */
    public record Scan(int durum, int tip, String devir, LocalDateTime at, String branch, String description) {
    }

    public static Scan scan(int durum, String description, String localIso, String branch) {
        return new Scan(durum, 1, null, LocalDateTime.parse(localIso), branch, description);
    }

    /** A non-delivery: DURUM 3 (at the delivery branch) with a devir code such as {@code AY} or {@code ŞA}. */
    public static Scan devir(String devir, String description, String localIso, String branch) {
        return new Scan(3, 1, devir, LocalDateTime.parse(localIso), branch, description);
    }

    /** A return (TİP KODU 3) in this DURUM: 2 on its way back, 6 delivered back to the sender. */
    public static Scan returned(int durum, String description, String localIso, String branch) {
        return new Scan(durum, 3, null, LocalDateTime.parse(localIso), branch, description);
    }

    /**
     * A QueryType 39 row (JSON) for the latest of the scans, as Aras reports a shipment: its current state only. The
     * first scan's time is the waybill's ÇIKIŞ date; a delivered state fills TESLİM TARİHİ/SAATİ.
     */
    public static String row(String integrationCode, String trackingNumber, List<Scan> scans) {
        if (scans.isEmpty()) {
            throw new IllegalArgumentException("a row needs at least one scan");
        }
        List<Scan> ordered = new ArrayList<>(scans);
        ordered.sort((a, b) -> a.at().compareTo(b.at()));
        Scan first = ordered.get(0);
        Scan latest = ordered.get(ordered.size() - 1);
        boolean delivered = latest.durum() == 5 || latest.durum() == 6;
        Map<String, String> row = new LinkedHashMap<>();
        row.put("MUSTERI_OZEL_KODU", integrationCode);
        row.put("IRSALIYE_NUMARA", "S01 " + trackingNumber.substring(Math.max(0, trackingNumber.length() - 6)));
        row.put("GONDERICI", "KARGO TAKIP DEMO");
        row.put("ALICI", "ALICI");
        row.put("KARGO_TAKIP_NO", trackingNumber);
        row.put("CIKIS_SUBE", first.branch());
        row.put("VARIS_SUBE", latest.durum() >= 3 ? latest.branch() : "");
        row.put("CIKIS_TARIH", DATE.format(first.at()));
        row.put("CIKIS_SAATI", TIME.format(first.at()));
        row.put("ADET", "1");
        row.put("TESLIM_TARIHI", delivered ? DATE.format(latest.at()) : "");
        row.put("TESLIM_SAATI", delivered ? TIME.format(latest.at()) : "");
        row.put("TIP_KODU", Integer.toString(latest.tip()));
        row.put("DURUM_KODU", Integer.toString(latest.durum()));
        row.put("TESLIM_EDILEMEME_NEDENI_KODU", latest.devir() == null ? "" : latest.devir());
        row.put("DURUMU", latest.description());
        row.put("DEVIR_KODU", latest.devir() == null ? "" : latest.devir());
        row.put("ISLEM_TARIHI", DATE_TIME.format(latest.at()));
        StringBuilder json = new StringBuilder("{");
        row.forEach((k, v) -> json.append(json.length() > 1 ? "," : "").append('"').append(k).append("\":\"")
                .append(v.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return json.append('}').toString();
    }

    /** A GetQueryJSON answer holding these rows (none: nothing found). */
    public static String answer(List<String> rows) {
        return envelope(escape("[" + String.join(",", rows) + "]"));
    }

    /** A GetQueryJSON answer whose result is a message instead of rows. */
    public static String answer(String message) {
        return envelope(escape(message));
    }

    /**
     * Aras's push for one scan, as a SOAP request to our web service (the operation name SetCargoStatus is the
     * product's inference; the fields are the PDF's), with the sandbox's push credentials. ProcessDate is local
     * Türkiye time without an offset, as a .NET DateTime of kind Unspecified is written.
     */
    public static String push(String integrationCode, Scan scan) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Body><SetCargoStatus xmlns=\"http://tempuri.org/\"><IntegrationCode>" + escape(integrationCode)
                + "</IntegrationCode><CargoStatus>" + scan.durum() + "</CargoStatus><ProcessDate>" + scan.at()
                + "</ProcessDate><Description>" + escape(scan.description()) + "</Description><UserName>" + PUSH_USER
                + "</UserName><Password>" + PUSH_PASSWORD + "</Password></SetCargoStatus></soap:Body></soap:Envelope>";
    }

    private static String envelope(String result) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?><s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<s:Body><GetQueryJSONResponse xmlns=\"http://tempuri.org/\"><GetQueryJSONResult>" + result
                + "</GetQueryJSONResult></GetQueryJSONResponse></s:Body></s:Envelope>";
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
