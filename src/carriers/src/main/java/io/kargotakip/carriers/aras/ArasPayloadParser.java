package io.kargotakip.carriers.aras;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.kargotakip.carriers.kit.CarrierTime;
import io.kargotakip.carriers.kit.SafeXml;
import io.kargotakip.carriers.kit.Soap;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.TurkishText;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads Aras's payloads, told apart by shape:
 * <ul>
 *   <li>a {@code GetQueryJSON} answer: a SOAP envelope whose {@code GetQueryJSONResult} is a JSON string of rows;</li>
 *   <li>a {@code GetQueryXML} (or {@code GetQueryDS}) answer: the result is an XML string (or inline XML) of rows;</li>
 *   <li>a push of Aras's "Müşteri web servisi ile bilgilendirme": Aras calling our web service with
 *       {@code IntegrationCode, CargoStatus, ProcessDate, Description, UserName, Password}, as a SOAP request (any
 *       operation name) or as a plain JSON object with the same fields.</li>
 * </ul>
 * A row is one shipment's current state (QueryType 1 or 39; the PDF lists their columns, Turkish capitals with spaces
 * for QueryType 1, ASCII with underscores for 39): column names are compared folded, without spaces or underscores,
 * so {@code KARGO TAKİP NO}, {@code KARGO_TAKIP_NO} and a .NET-encoded {@code KARGO_x0020_TAKİP_x0020_NO} are one
 * column. Each row gives one event, keyed by the row's MÖK (the merchant's IntegrationCode), with KARGO TAKİP NO as
 * the alternate number.
 *
 * <p>An empty result, a result with no rows, or a "not found" message is "nothing found": no events. A message
 * about the user, password or customer code is {@link CredentialsRefused}; any other message, a SOAP fault or a
 * shape not listed here is a {@link PayloadException}. The PDF has no sample answer and no error list, so what an
 * error looks like is inferred; messages never repeat the payload.
 */
final class ArasPayloadParser {

    static final String CARRIER = "Aras";
    static final int MAX_BYTES = SafeXml.DEFAULT_MAX_BYTES;
    private static final int MAX_DEPTH = 48;

    // No source excerpts in parse errors: the message must never echo the payload.
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(64)
                            .maxStringLength(MAX_BYTES)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    /** The columns that make an object or element a shipment row (folded, no spaces). */
    static final Set<String> ROW_COLUMNS = Set.of("musteriozelkodu", "durumkodu", "kargotakipno");

    // [inference] Aras documents no error texts: these are the words its Turkish (or English) messages would use. A
    // login word counts only beside a word saying it is wrong, so "müşteri koduna ait kayıt bulunamadı" (nothing
    // found for the customer code) stays a not-found, while "kullanıcı bulunamadı" is a refusal.
    private static final List<String> REFUSAL_WORDS = List.of("yetkisiz", "yetkiniz", "unauthori", "authenticat");
    private static final List<String> LOGIN_WORDS = List.of("kullanici", "sifre", "parola", "giris", "login", "password",
            "user", "credential");
    private static final List<String> CUSTOMER_CODE_WORDS = List.of("musteri kodu", "customer code");
    private static final List<String> WRONG_WORDS = List.of("hatali", "yanlis", "gecersiz", "basarisiz", "invalid", "wrong",
            "incorrect", "failed", "denied");
    /** A user that is "not found" is a refusal too; a customer code's record that is not found is not. */
    private static final List<String> LOGIN_WRONG_WORDS = Stream.concat(WRONG_WORDS.stream(),
            Stream.of("bulunamadi", "not found")).toList();
    private static final List<String> NOT_FOUND_WORDS = List.of("bulunamadi", "kayit yok", "kayit bulunmamaktadir",
            "no record", "not found");

    private final SafeXml xml = new SafeXml(CARRIER);
    private final ArasStatusMap statusMap;

    ArasPayloadParser(ArasStatusMap statusMap) {
        this.statusMap = statusMap;
    }

    /** An Aras answer that refuses our user name, password or customer code. */
    static final class CredentialsRefused extends PayloadException {
        CredentialsRefused() {
            super("Aras refused the credentials (user name, password or customer code)");
        }
    }

    // ---- what a payload is, before any mapping ------------------------------------------------

    /** A push, as its fields (any may be null). */
    record Push(String integrationCode, String cargoStatus, String processDate, String description, String userName,
                String password) {
        @Override
        public String toString() {
            return "Push[cargoStatus=" + cargoStatus + "]";
        }
    }

    /** What a payload holds: query rows (maybe none), or one push. */
    record Answer(List<Map<String, String>> rows, Push push) {
    }

    List<TrackingEvent> parse(byte[] payload, String contentType) throws PayloadException {
        Answer answer = read(payload, contentType);
        if (answer.push() != null) {
            return List.of(pushEvent(answer.push()));
        }
        List<TrackingEvent> events = new ArrayList<>(answer.rows().size());
        for (Map<String, String> row : answer.rows()) {
            events.add(rowEvent(row));
        }
        events.sort(Comparator.comparing(e -> e.occurredAt().toInstant()));
        return events;
    }

    /** True when the body is Aras refusing our credentials: a poll answer, not a shipment's data. Never throws. */
    boolean refusesCredentials(byte[] body) {
        try {
            read(body, null);
            return false;
        } catch (CredentialsRefused e) {
            return true;
        } catch (PayloadException | RuntimeException e) {
            return false;
        }
    }

    /** A push's user name and password; empty when the body is no push or lacks either. Never throws. */
    Optional<Map.Entry<String, String>> pushCredentials(byte[] payload) {
        try {
            Push push = read(payload, null).push();
            if (push == null || push.userName() == null || push.password() == null) {
                return Optional.empty();
            }
            return Optional.of(Map.entry(push.userName(), push.password()));
        } catch (PayloadException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The push as JSON without its user name and password (so Aras's password never rests on a queue), or empty
     * when the body is no push. The JSON form is itself a push this parser reads, giving the same events.
     */
    Optional<byte[]> pushWithoutCredentials(byte[] payload) {
        try {
            Push push = read(payload, null).push();
            if (push == null) {
                return Optional.empty();
            }
            com.fasterxml.jackson.databind.node.ObjectNode out = JSON.createObjectNode();
            out.put("IntegrationCode", push.integrationCode());
            out.put("CargoStatus", push.cargoStatus());
            if (push.processDate() != null) {
                out.put("ProcessDate", push.processDate());
            }
            if (push.description() != null) {
                out.put("Description", push.description());
            }
            return Optional.of(JSON.writeValueAsBytes(out));
        } catch (PayloadException | RuntimeException | java.io.IOException e) {
            return Optional.empty();
        }
    }

    Answer read(byte[] payload, String contentType) throws PayloadException {
        if (payload == null || payload.length == 0) {
            throw new PayloadException("Aras payload is empty");
        }
        if (payload.length > MAX_BYTES) {
            throw new PayloadException("Aras payload is larger than " + MAX_BYTES + " bytes");
        }
        int first = firstSignificantByte(payload);
        if (first == '<' || first == UTF16_BOM) {
            return xmlAnswer(xml.parse(payload, contentType));
        }
        if (first == '{') {
            JsonNode root = readJson(payload, contentType);
            Push push = jsonPush(root);
            if (push == null) {
                throw new PayloadException("Aras JSON payload is not a push");
            }
            return new Answer(List.of(), push);
        }
        throw new PayloadException("Aras payload is neither XML nor a JSON object");
    }

    private static final int UTF16_BOM = -2;

    /** The first byte that is not a UTF-8 BOM or white space; -2 for a UTF-16 BOM (an XML document). */
    private static int firstSignificantByte(byte[] payload) {
        int i = 0;
        if (payload.length >= 2 && ((payload[0] == (byte) 0xFE && payload[1] == (byte) 0xFF)
                || (payload[0] == (byte) 0xFF && payload[1] == (byte) 0xFE))) {
            return UTF16_BOM;
        }
        if (payload.length >= 3 && payload[0] == (byte) 0xEF && payload[1] == (byte) 0xBB && payload[2] == (byte) 0xBF) {
            i = 3;
        }
        for (; i < payload.length; i++) {
            int b = payload[i] & 0xFF;
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return -1;
    }

    // ---- XML: SOAP answers and SOAP pushes ------------------------------------------------------

    private Answer xmlAnswer(Document document) throws PayloadException {
        if (Soap.isFault(document)) {
            throw fault(SafeXml.find(document.getDocumentElement(), "Fault").orElseThrow());
        }
        Element body = Soap.body(document, CARRIER);
        String name = localName(body);
        if (name.startsWith("GetQuery") && name.endsWith("Response")) {
            Element result = childEndingWith(body, "Result");
            if (result == null) {
                throw new PayloadException("Aras query answer has no result element");
            }
            return new Answer(result(result), null);
        }
        Element push = pushElement(body, 0);
        if (push != null) {
            return new Answer(List.of(), new Push(text(push, "IntegrationCode"), text(push, "CargoStatus"),
                    text(push, "ProcessDate"), text(push, "Description"), raw(push, "UserName"), raw(push, "Password")));
        }
        throw new PayloadException("Aras XML payload has an unrecognised shape");
    }

    private static final Pattern SHORT_CODE = Pattern.compile("[A-Za-z0-9:._-]{1,15}");

    /**
     * A SOAP fault: about the login, refused credentials; otherwise a fault naming its code when the code is short.
     * Read here rather than by {@link Soap#body}, whose message repeats a fault code of any length, and WCF's codes
     * ({@code a:ActionNotSupported}) are long enough to count as payload text.
     */
    private static PayloadException fault(Element fault) {
        if (aboutCredentials(fault.getTextContent())) {
            return new CredentialsRefused();
        }
        String code = SafeXml.childText(fault, "faultcode");
        if (code == null) {
            code = SafeXml.children(fault, "Code").stream().findFirst().map(c -> SafeXml.childText(c, "Value")).orElse(null);
        }
        return new PayloadException("Aras answered with a SOAP fault"
                + (code != null && SHORT_CODE.matcher(code).matches() ? " (" + code + ")" : ""));
    }

    /** The rows of a query result: inline XML, or its text holding JSON or XML. */
    private List<Map<String, String>> result(Element result) throws PayloadException {
        if (hasElementChildren(result)) {
            return xmlRows(result);
        }
        String text = result.getTextContent().trim();
        if (text.isEmpty()) {
            return List.of();
        }
        char first = text.charAt(0) == '\uFEFF' && text.length() > 1 ? text.charAt(1) : text.charAt(0);
        if (first == '[' || first == '{') {
            return jsonRows(readJson(text));
        }
        if (first == '<') {
            return xmlRows(innerDocument(text).getDocumentElement());
        }
        return noRows(List.of(text));
    }

    /**
     * An XML string inside the result. Its own declaration may say {@code utf-16} (a .NET {@code StringWriter}),
     * which no longer holds once it is a Java string, so it is dropped and the text parsed as UTF-8.
     */
    private Document innerDocument(String text) throws PayloadException {
        String body = text.charAt(0) == '\uFEFF' ? text.substring(1) : text;
        if (body.startsWith("<?xml")) {
            int end = body.indexOf("?>");
            if (end < 0) {
                throw new PayloadException("Aras XML result is not well-formed XML");
            }
            body = body.substring(end + 2);
        }
        return xml.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private List<Map<String, String>> xmlRows(Element root) throws PayloadException {
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        collectXml(root, rows, texts, 0);
        return rows.isEmpty() ? noRows(texts) : rows;
    }

    private static void collectXml(Element element, List<Map<String, String>> rows, List<String> texts, int depth)
            throws PayloadException {
        if (depth > MAX_DEPTH) {
            throw new PayloadException("Aras XML result is nested too deeply");
        }
        List<Element> children = childElements(element);
        if (children.isEmpty()) {
            String text = element.getTextContent().trim();
            if (!text.isEmpty()) {
                texts.add(text);
            }
            return;
        }
        if (children.stream().anyMatch(c -> ROW_COLUMNS.contains(column(xmlName(c))))) {
            Map<String, String> row = new LinkedHashMap<>();
            for (Element c : children) {
                String value = c.getTextContent().trim();
                if (!value.isEmpty()) {
                    row.putIfAbsent(column(xmlName(c)), value);
                }
            }
            rows.add(row);
            return;
        }
        for (Element c : children) {
            collectXml(c, rows, texts, depth + 1);
        }
    }

    /** The element holding a push's fields: the operation itself or, for a wrapped request, one level or two below. */
    private static Element pushElement(Element element, int depth) {
        if (child(element, "IntegrationCode") != null && child(element, "CargoStatus") != null) {
            return element;
        }
        if (depth >= 2) {
            return null;
        }
        for (Element c : childElements(element)) {
            Element found = pushElement(c, depth + 1);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    // ---- JSON: the GetQueryJSON string and JSON pushes -------------------------------------------

    private static JsonNode readJson(byte[] payload, String contentType) throws PayloadException {
        Charset charset = charsetOf(contentType);
        if (charset != null && !charset.equals(StandardCharsets.UTF_8)) {
            return readJson(new String(payload, charset));
        }
        try {
            return JSON.readTree(payload);
        } catch (JacksonException e) {
            // The cause is dropped on purpose: Jackson's message can quote the payload.
            throw new PayloadException("Aras payload is not valid JSON");
        } catch (IOException e) {
            throw new PayloadException("Aras payload could not be read");
        }
    }

    private static JsonNode readJson(String text) throws PayloadException {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new PayloadException("Aras JSON result is not valid JSON");
        }
    }

    private List<Map<String, String>> jsonRows(JsonNode root) throws PayloadException {
        List<Map<String, String>> rows = new ArrayList<>();
        List<String> texts = new ArrayList<>();
        collectJson(root, rows, texts, 0);
        return rows.isEmpty() ? noRows(texts) : rows;
    }

    private static void collectJson(JsonNode node, List<Map<String, String>> rows, List<String> texts, int depth)
            throws PayloadException {
        if (depth > MAX_DEPTH) {
            throw new PayloadException("Aras JSON result is nested too deeply");
        }
        if (node == null || node.isNull() || node.isMissingNode()) {
            return;
        }
        if (node.isValueNode()) {
            String text = node.asText().trim();
            if (!text.isEmpty()) {
                texts.add(text);
            }
            return;
        }
        if (node.isObject() && isJsonRow(node)) {
            Map<String, String> row = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                String value = scalar(field.getValue());
                if (value != null) {
                    row.putIfAbsent(column(field.getKey()), value);
                }
            }
            rows.add(row);
            return;
        }
        for (JsonNode child : node) {
            collectJson(child, rows, texts, depth + 1);
        }
    }

    private static boolean isJsonRow(JsonNode object) {
        for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
            if (ROW_COLUMNS.contains(column(names.next()))) {
                return true;
            }
        }
        return false;
    }

    /** A flat JSON object with IntegrationCode and CargoStatus (any case) is a push; anything else is not. */
    private static Push jsonPush(JsonNode root) {
        if (!root.isObject()) {
            return null;
        }
        Map<String, JsonNode> fields = new HashMap<>();
        root.fields().forEachRemaining(f -> fields.putIfAbsent(f.getKey().toLowerCase(Locale.ROOT), f.getValue()));
        if (!fields.containsKey("integrationcode") || !fields.containsKey("cargostatus")) {
            return null;
        }
        return new Push(trimmed(scalar(fields.get("integrationcode"))), trimmed(scalar(fields.get("cargostatus"))),
                trimmed(scalar(fields.get("processdate"))), trimmed(scalar(fields.get("description"))),
                rawScalar(fields.get("username")), rawScalar(fields.get("password")));
    }

    // ---- no rows: nothing found, or an error message ----------------------------------------------

    /**
     * A result without rows. Only empty containers: nothing found. Otherwise its texts are a message: about the
     * credentials (refused), about nothing being found (no events), or any other error.
     */
    private static List<Map<String, String>> noRows(List<String> texts) throws PayloadException {
        if (texts.isEmpty()) {
            return List.of();
        }
        String joined = String.join(" ", texts);
        if (aboutCredentials(joined)) {
            throw new CredentialsRefused();
        }
        if (says(joined, NOT_FOUND_WORDS)) {
            return List.of();
        }
        throw new PayloadException("Aras answered with a message instead of shipment rows");
    }

    /** A message saying our user name, password or customer code is wrong (see the word lists above). */
    static boolean aboutCredentials(String text) {
        return says(text, REFUSAL_WORDS)
                || (says(text, LOGIN_WORDS) && says(text, LOGIN_WRONG_WORDS))
                || (says(text, CUSTOMER_CODE_WORDS) && says(text, WRONG_WORDS));
    }

    private static boolean says(String text, List<String> words) {
        String folded = " " + TurkishText.fold(text);
        return words.stream().anyMatch(w -> folded.contains(" " + w));
    }

    // ---- rows and pushes to events ----------------------------------------------------------------

    private TrackingEvent rowEvent(Map<String, String> row) throws PayloadException {
        String key = first(row, "musteriozelkodu", "mok", "entegrasyonkodu");
        if (key == null) {
            throw new PayloadException("Aras row has no customer reference (MOK)");
        }
        String durum = first(row, "durumkodu");
        String tip = first(row, "tipkodu");
        String devir = devir(first(row, "devirkodu", "teslimedilememenedenikodu"));
        Optional<StatusMapping> byDurum = statusMap.durum(durum);
        boolean delivered = byDurum.map(ArasStatusMap::delivered).orElse(false);
        boolean returned = tip != null && statusMap.tip(tip, false).isPresent();

        StatusMapping mapping;
        if (tip != null && !ArasStatusMap.neutralTip(tip)) {
            mapping = statusMap.tip(tip, delivered).orElseGet(() -> UnmappedCodes.record(ArasCarrier.ID, "TIP " + tip));
        } else if (delivered) {
            mapping = byDurum.get();
        } else if (devir != null) {
            mapping = statusMap.devir(devir).orElseGet(() -> UnmappedCodes.record(ArasCarrier.ID, "DEVIR " + devir));
        } else {
            mapping = byDurum.orElseGet(() -> UnmappedCodes.record(ArasCarrier.ID, "DURUM " + (durum == null ? "-" : durum)));
        }

        return new TrackingEvent(ArasCarrier.ID, key, mapping.status(), mapping.reason(), rowTime(row, delivered),
                location(durum, row), carrierCode(durum, tip, devir),
                description(row, devir != null && !delivered, returned), null, first(row, "kargotakipno", "trackingnumber"));
    }

    /** A devir column holding nothing, or only zeros, means no devir (inference: the PDF does not say). */
    private static String devir(String value) {
        if (value == null || value.isBlank() || value.trim().matches("0+")) {
            return null;
        }
        return value.trim();
    }

    /**
     * Stable for the same state, so the same row polled twice gets the same idempotency key: the DURUM KODU, then a
     * TİP KODU other than 1/2 ({@code TIP3}) and the devir code, slash-separated ({@code 3/AY}, {@code 6/TIP3}).
     * A push carries only its CargoStatus, which equals a plain row's code ({@code 6}).
     */
    static String carrierCode(String durum, String tip, String devir) {
        StringJoiner code = new StringJoiner("/");
        String d = ArasStatusMap.number(durum);
        code.add(d != null ? d : durum != null ? durum.trim() : "-");
        if (tip != null && !ArasStatusMap.neutralTip(tip)) {
            String t = ArasStatusMap.number(tip);
            code.add("TIP" + (t != null ? t : tip.trim()));
        }
        if (devir != null) {
            String v = ArasStatusMap.devirKey(devir);
            code.add(v != null ? v : TurkishText.fold(devir).toUpperCase(Locale.ROOT));
        }
        return code.toString();
    }

    /**
     * When the row's state began: a delivered shipment's TESLİM TARİHİ + TESLİM SAATİ; otherwise ISLEM_TARIHI (the
     * last operation, QueryType 39); for a QueryType 1 row, which has neither, ÇIKIŞ TARİHİ (the waybill date).
     */
    private static OffsetDateTime rowTime(Map<String, String> row, boolean delivered) throws PayloadException {
        String deliveredOn = first(row, "teslimtarihi");
        if (delivered && deliveredOn != null) {
            return dateTime(deliveredOn, first(row, "teslimsaati"), "Aras delivery date");
        }
        String operation = first(row, "islemtarihi");
        if (operation != null) {
            return dateTime(operation, null, "Aras operation date");
        }
        String dispatched = first(row, "cikistarihi", "cikistarih");
        if (dispatched != null) {
            return dateTime(dispatched, first(row, "cikissaati"), "Aras dispatch date");
        }
        throw new PayloadException("Aras row has no date");
    }

    /** The branch the state happens at: origin for DURUM 1, delivery branch for 3–7; none while on the way. */
    private static String location(String durum, Map<String, String> row) {
        String d = ArasStatusMap.number(durum);
        if (d == null) {
            return null;
        }
        return switch (d) {
            case "1" -> first(row, "cikissube");
            case "3", "4", "5", "6", "7" -> first(row, "varissube");
            default -> null;
        };
    }

    /** Aras's status text, with the devir or return reason it gives beside it. */
    private static String description(Map<String, String> row, boolean devir, boolean returned) {
        StringJoiner text = new StringJoiner(" - ");
        text.setEmptyValue("");
        String status = first(row, "durumu", "durumen");
        if (status != null) {
            text.add(status);
        }
        String devirReason = devir ? first(row, "devirnedeni", "devirsebebi") : null;
        if (devirReason != null) {
            text.add(devirReason);
        }
        String returnReason = returned ? first(row, "iadenedeni", "iadesebebi") : null;
        if (returnReason != null) {
            text.add(returnReason);
        }
        return text.length() == 0 ? null : text.toString();
    }

    /**
     * A push: CargoStatus read as a DURUM KODU [inference]; for a state that is not delivered, a Description naming a
     * devir reason (or a return) refines it. The time is ProcessDate, in Türkiye's time when it has no offset.
     */
    private TrackingEvent pushEvent(Push push) throws PayloadException {
        if (push.integrationCode() == null) {
            throw new PayloadException("Aras push has no integration code");
        }
        if (push.cargoStatus() == null) {
            throw new PayloadException("Aras push has no cargo status");
        }
        String code = ArasStatusMap.number(push.cargoStatus());
        if (code == null) {
            throw new PayloadException("Aras push cargo status is not a number");
        }
        if (push.processDate() == null) {
            throw new PayloadException("Aras push has no process date");
        }
        StatusMapping mapping = statusMap.durum(code).orElseGet(() -> UnmappedCodes.record(ArasCarrier.ID, "CargoStatus " + code));
        if (!ArasStatusMap.delivered(mapping)) {
            mapping = statusMap.text(push.description()).orElse(mapping);
        }
        return new TrackingEvent(ArasCarrier.ID, push.integrationCode(), mapping.status(), mapping.reason(),
                dateTime(push.processDate(), null, "Aras push process date"), null, code, push.description(), null);
    }

    // ---- times ------------------------------------------------------------------------------------

    private static final Pattern TURKISH_DATE = Pattern.compile(
            "(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4})(?:[ T]+(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2})(?:\\.\\d{1,7})?)?)?");
    private static final Pattern ISO_DATE = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?(Z|[+-]\\d{2}:?\\d{2})?");
    // WCF's JSON date, "/Date(1763107200000+0300)/": milliseconds since the epoch; the offset only says where
    private static final Pattern WCF_DATE = Pattern.compile("/?Date\\((-?\\d{1,15})([+-]\\d{4})?\\)/?");
    private static final Pattern TIME_AT_END = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d{1,9})?)?$");

    /**
     * Aras writes {@code dd.MM.yyyy} with an optional {@code HH:mm[:ss]} (PDF), in Türkiye's time; a .NET service may
     * also serialise ISO-8601 or WCF's {@code /Date(ms)/} [inference]. A separate time column (TESLİM SAATİ), when
     * given, sets the time of day; it may come as {@code HH:mm[:ss]} or as a full date-time whose time is meant.
     *
     * @param what names the field in the message; the value is never echoed
     */
    static OffsetDateTime dateTime(String date, String time, String what) throws PayloadException {
        String text = date.trim();
        try {
            LocalDateTime local;
            Matcher m;
            if ((m = TURKISH_DATE.matcher(text)).matches()) {
                local = LocalDateTime.of(LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(1))), clock(m.group(4), m.group(5), m.group(6)));
            } else if ((m = ISO_DATE.matcher(text)).matches()) {
                LocalDateTime parsed = LocalDateTime.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3))), clock(m.group(4), m.group(5), m.group(6)));
                if (m.group(7) != null) {
                    parsed = parsed.withNano(Integer.parseInt((m.group(7) + "000000000").substring(0, 9)));
                }
                if (m.group(8) != null) {
                    OffsetDateTime withOffset = OffsetDateTime.of(parsed, CarrierTime.parseOffset(m.group(8)));
                    if (time == null) {
                        return withOffset.atZoneSameInstant(CarrierTime.ISTANBUL).toOffsetDateTime();
                    }
                    parsed = withOffset.atZoneSameInstant(CarrierTime.ISTANBUL).toLocalDateTime();
                }
                local = parsed;
            } else if ((m = WCF_DATE.matcher(text)).matches()) {
                OffsetDateTime instant = Instant.ofEpochMilli(Long.parseLong(m.group(1))).atZone(CarrierTime.ISTANBUL).toOffsetDateTime();
                if (time == null) {
                    return instant;
                }
                local = instant.toLocalDateTime();
            } else {
                throw new PayloadException(what + " is malformed");
            }
            if (time != null && !time.isBlank()) {
                Matcher t = TIME_AT_END.matcher(time.trim());
                if (!t.find()) {
                    throw new PayloadException(what + " has a malformed time");
                }
                local = local.toLocalDate().atTime(clock(t.group(1), t.group(2), t.group(3)));
            }
            return CarrierTime.inZone(local, CarrierTime.ISTANBUL);
        } catch (DateTimeException | NullPointerException | NumberFormatException e) {
            throw new PayloadException(what + " is out of range");
        }
    }

    private static LocalTime clock(String hour, String minute, String second) {
        if (hour == null) {
            return LocalTime.MIDNIGHT;
        }
        return LocalTime.of(Integer.parseInt(hour), Integer.parseInt(minute), second == null ? 0 : Integer.parseInt(second));
    }

    // ---- small helpers ------------------------------------------------------------------------------

    /**
     * A column name as compared: .NET's {@code _xHHHH_} escapes decoded (a DataSet's XML writes a space as
     * {@code _x0020_}), case, Turkish letters and accents folded, spaces, underscores and punctuation dropped.
     */
    static String column(String name) {
        return TurkishText.fold(name).replace(" ", "");
    }

    private static final Pattern XML_NAME_ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private static String xmlName(Element element) {
        String name = localName(element);
        if (name.indexOf("_x") < 0) {
            return name;
        }
        Matcher m = XML_NAME_ESCAPE.matcher(name);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String first(Map<String, String> row, String... columns) {
        for (String c : columns) {
            String value = row.get(c);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    /** A JSON scalar's text; null for null, missing, containers. */
    private static String scalar(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return null;
        }
        String text = node.asText();
        return text.isBlank() ? null : text;
    }

    /** A credential exactly as sent (an empty one stays empty); null when absent or not a scalar. */
    private static String rawScalar(JsonNode node) {
        return node == null || !node.isValueNode() || node.isNull() ? null : node.asText();
    }

    private static String trimmed(String text) {
        return text == null ? null : text.trim();
    }

    /** A push field's child element, by local name in any case (WCF clients may camel-case parameter names). */
    private static Element child(Element parent, String name) {
        for (Element c : childElements(parent)) {
            if (localName(c).equalsIgnoreCase(name)) {
                return c;
            }
        }
        return null;
    }

    private static String text(Element parent, String name) {
        Element c = child(parent, name);
        if (c == null) {
            return null;
        }
        String text = c.getTextContent().trim();
        return text.isEmpty() ? null : text;
    }

    private static String raw(Element parent, String name) {
        Element c = child(parent, name);
        return c == null ? null : c.getTextContent();
    }

    private static Element childEndingWith(Element parent, String suffix) {
        for (Element c : childElements(parent)) {
            if (localName(c).endsWith(suffix)) {
                return c;
            }
        }
        return null;
    }

    private static boolean hasElementChildren(Element element) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                return true;
            }
        }
        return false;
    }

    private static List<Element> childElements(Element parent) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                found.add(e);
            }
        }
        return found;
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
    }

    /** The {@code charset} of a content type, when it names one this JVM has. */
    static Charset charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                try {
                    return Charset.forName(p.substring(8).trim().replace("\"", ""));
                } catch (IllegalArgumentException unknown) {
                    return null;
                }
            }
        }
        return null;
    }
}
