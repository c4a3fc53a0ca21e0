package io.kargotakip.carriers.mng;

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
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.kargotakip.carriers.kit.CarrierJson.text;

/**
 * Reads every MNG answer, told apart by its shape.
 *
 * <p>New REST API (JSON):
 * <ul>
 *   <li>{@code getshipmentstatus}: a list (or one object) of headlines — {@code referenceId}, {@code shipmentId},
 *       {@code shipmentStatusCode}, {@code shipmentStatusExplanation}, {@code statusDateTime}, {@code deliveryDateTime},
 *       {@code estimatedDeliveryDate} …: one event per headline, at its status time;</li>
 *   <li>{@code getshipment} ({@code ShipmentOUT}): the same keys and code without a status time; the event is dated
 *       {@code shipmentDateTime}, the only time that shape has (so a later status shows at the shipping time;
 *       the status progression still applies it, since it only moves forward);</li>
 *   <li>{@code trackshipment}: a movement list — {@code eventStatus}, {@code eventDateTime}, {@code location},
 *       {@code description}: one event per movement. The shipment's key must be in the list ({@code referenceId} on
 *       a movement): MNG's published fields do not promise it, which is why the client polls {@code getshipmentstatus}
 *       (see {@link MngTrackingClient});</li>
 *   <li>IBM API Connect's gateway error ({@code httpCode}, {@code moreInformation}): a 404 is "not found", anything
 *       else an error; MNG's own error body ({@code code}/{@code errorCode} with a message) is an error;</li>
 *   <li>{@link #NOT_FOUND}, the client's note that MNG knew nothing of the reference (a 404, or an empty answer:
 *       an empty body or list cannot be told from a broken one, so the client says so in this document).</li>
 * </ul>
 * Legacy SOAP service ({@code musterisiparisnew.asmx}):
 * <ul>
 *   <li>{@code GelecekIadeSiparisKontrol} / {@code FaturaSiparisListesi} answers, XML: a .NET DataSet
 *       ({@code diffgr:diffgram}) in a SOAP envelope, one row per order ({@code SIPARIS_KODU}, {@code GONDERI_NO},
 *       {@code SIPARIS_STATU}, {@code SIPARIS_STATU_ACIKLAMA}, {@code SIPARIS_STATU_TARIHI} …); an empty diffgram is
 *       "not found"; a result that is an MNG error code ({@code E003:…}) is an error;</li>
 *   <li>the same row as JSON in the {@code {Success, Message, Shipment}} wrapper of the reference fixture.</li>
 * </ul>
 * Event numbers: the key is the merchant's reference ({@code referenceId} / {@code SIPARIS_KODU}), the alternate
 * number MNG's {@code shipmentId} / {@code GONDERI_NO}. Times are Istanbul wall-clock time; an ISO time with an offset
 * keeps its instant. Carrier codes: the REST code as is ({@code 5}), the legacy one as {@code SIPARIS_STATU/5}, with
 * the "[kod]" of a not-delivered appended ({@code 6/K12}). Messages name the carrier and the problem, never payload
 * text. Jackson's tree model only, so nothing needs reflection in a native image.
 */
final class MngPayloadParser {

    /** What the client answers when MNG knew nothing of the reference (see the class comment). */
    static final String NOT_FOUND_TEXT = "{\"kargoTakip\":\"not-found\",\"carrier\":\"mng\"}";
    static final byte[] NOT_FOUND = NOT_FOUND_TEXT.getBytes(StandardCharsets.UTF_8);

    /** The legacy operations whose answers carry the order DataSet. */
    static final Set<String> LEGACY_OPERATIONS = Set.of("GelecekIadeSiparisKontrol", "FaturaSiparisListesi");
    /** MNG's legacy error codes that mean the customer number or password was refused (MNG's PDF: E003, E004, E006). */
    static final Set<String> LEGACY_CREDENTIAL_ERRORS = Set.of("E003", "E004", "E006");

    static final int MAX_BYTES = SafeXml.DEFAULT_MAX_BYTES;

    // Limits far above any MNG answer; the cause of a parse error is dropped because Jackson's message can quote the payload.
    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64).maxStringLength(64 * 1024).maxNumberLength(32).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    // dd-MM-yyyy HH:mm:ss (trackshipment), dd.MM.yyyy HH:mm:ss (legacy and others); seconds and fraction optional
    private static final Pattern DAY_FIRST = Pattern.compile(
            "(\\d{1,2})[.\\-/](\\d{1,2})[.\\-/](\\d{4})(?:[ T]+(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9}))?)?)?");
    private static final Pattern ISO = Pattern.compile("\\d{4}-\\d{2}-\\d{2}(?:[T ].*)?");
    private static final Pattern KOD = Pattern.compile("^\\s*\\[\\s*([A-Za-z0-9]{1,8})\\s*\\]");
    private static final Pattern ERROR_CODE = Pattern.compile("[A-Za-z0-9_.-]{1,16}");
    private static final Pattern LEGACY_ERROR = Pattern.compile("^(E\\d{3})\\b");

    private final MngStatusMap statusMap;
    private final SafeXml xml = new SafeXml(MngCarrier.ID, MAX_BYTES);

    MngPayloadParser(MngStatusMap statusMap) {
        this.statusMap = Objects.requireNonNull(statusMap, "statusMap");
    }

    List<TrackingEvent> parse(byte[] payload, String contentType) throws PayloadException {
        if (payload == null || payload.length == 0) {
            throw new PayloadException("MNG payload is empty");
        }
        if (payload.length > MAX_BYTES) {
            throw new PayloadException("MNG payload is larger than " + MAX_BYTES + " bytes");
        }
        List<TrackingEvent> events = firstSignificantByte(payload) == '<' ? legacyXml(payload, contentType) : json(payload);
        List<TrackingEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(e -> e.occurredAt().toInstant()));
        return sorted;
    }

    /** Skips a UTF-8 byte order mark and white space. */
    private static int firstSignificantByte(byte[] payload) {
        int i = 0;
        if (payload.length >= 3 && payload[0] == (byte) 0xEF && payload[1] == (byte) 0xBB && payload[2] == (byte) 0xBF) {
            i = 3;
        }
        while (i < payload.length && (payload[i] == ' ' || payload[i] == '\t' || payload[i] == '\r' || payload[i] == '\n')) {
            i++;
        }
        return i < payload.length ? payload[i] : -1;
    }

    // ---- JSON: the REST API, and the legacy fixture's wrapper ----------------------------------

    private List<TrackingEvent> json(byte[] payload) throws PayloadException {
        JsonNode root;
        try {
            root = JSON.readTree(payload);
        } catch (JacksonException e) {
            throw new PayloadException("MNG payload is not valid JSON");
        } catch (IOException e) {
            throw new PayloadException("MNG payload could not be read");
        }
        if (root == null || !(root.isObject() || root.isArray())) {
            throw new PayloadException("MNG payload is not a JSON object or list");
        }
        if (root.isArray()) {
            return list(root);
        }
        if ("not-found".equals(text(root, "kargoTakip"))) {
            return List.of();
        }
        if (root.has("Shipment") || root.has("Success")) {
            return legacyWrapper(root);
        }
        if (root.has("httpCode")) {
            return gatewayError(root);
        }
        if (isMovement(root)) {
            return movements(List.of(root));
        }
        if (isHeadline(root)) {
            return headline(root).map(List::of).orElse(List.of());
        }
        if (root.has("error") || root.has("code") || root.has("errorCode")) {
            throw new PayloadException("MNG error response" + errorCode(root));
        }
        throw new PayloadException("MNG payload has an unrecognised shape");
    }

    private List<TrackingEvent> list(JsonNode array) throws PayloadException {
        if (array.isEmpty()) {
            // MNG's empty answer is turned into NOT_FOUND by the client; a bare [] is not an answer we can tell apart
            throw new PayloadException("MNG payload is an empty list");
        }
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : array) {
            if (!item.isObject()) {
                throw new PayloadException("MNG list holds something other than objects");
            }
            items.add(item);
        }
        if (items.stream().allMatch(MngPayloadParser::isMovement)) {
            return movements(items);
        }
        List<TrackingEvent> events = new ArrayList<>();
        for (JsonNode item : items) {
            if (!isHeadline(item)) {
                throw new PayloadException("MNG list holds an object of an unrecognised shape");
            }
            headline(item).ifPresent(events::add);
        }
        return events;
    }

    private static boolean isMovement(JsonNode node) {
        return node.has("eventStatus") || node.has("eventDateTime");
    }

    private static boolean isHeadline(JsonNode node) {
        return node.has("shipmentStatusCode") || (node.has("referenceId") && (node.has("shipmentId") || node.has("statusDateTime")));
    }

    /** A getshipmentstatus headline or a getshipment ShipmentOUT; empty when MNG gives no status code yet. */
    private Optional<TrackingEvent> headline(JsonNode item) throws PayloadException {
        String reference = text(item, "referenceId");
        if (reference == null) {
            throw new PayloadException("MNG shipment status names no referenceId");
        }
        String code = text(item, "shipmentStatusCode");
        if (code == null) {
            return Optional.empty(); // the order is known, nothing has happened to it yet
        }
        String description = firstNonNull(text(item, "shipmentStatusExplanation"), words(text(item, "shipmentStatus")));
        String when = text(item, "statusDateTime");
        if (when == null && "5".equals(MngStatusMap.number(code))) {
            when = text(item, "deliveryDateTime");
        }
        if (when == null) {
            when = text(item, "shipmentDateTime");
        }
        OffsetDateTime occurredAt = time(when, "MNG shipment status time");
        StatusMapping mapping = statusMap.newApi(code, description)
                .orElseGet(() -> UnmappedCodes.record(MngCarrier.ID, carrierCode("", code, null)));
        return Optional.of(new TrackingEvent(MngCarrier.ID, reference, mapping.status(), mapping.reason(), occurredAt, null,
                carrierCode("", code, description), description, lenientDate(text(item, "estimatedDeliveryDate")),
                text(item, "shipmentId")));
    }

    /** A trackshipment movement list: all movements of one shipment, keyed by the referenceId one of them carries. */
    private List<TrackingEvent> movements(List<JsonNode> items) throws PayloadException {
        String reference = null;
        String shipmentId = null;
        for (JsonNode item : items) {
            reference = firstNonNull(reference, text(item, "referenceId"));
            shipmentId = firstNonNull(shipmentId, text(item, "shipmentId"));
        }
        if (reference == null) {
            throw new PayloadException("MNG movement list names no referenceId");
        }
        List<TrackingEvent> events = new ArrayList<>();
        for (JsonNode item : items) {
            String code = text(item, "eventStatus");
            if (code == null) {
                throw new PayloadException("MNG movement has no status");
            }
            String description = text(item, "description");
            OffsetDateTime occurredAt = time(text(item, "eventDateTime"), "MNG movement time");
            StatusMapping mapping = statusMap.newApi(code, description)
                    .orElseGet(() -> UnmappedCodes.record(MngCarrier.ID, carrierCode("", code, null)));
            events.add(new TrackingEvent(MngCarrier.ID, reference, mapping.status(), mapping.reason(), occurredAt,
                    text(item, "location"), carrierCode("", code, description), description,
                    lenientDate(text(item, "estimatedDeliveryDate")), shipmentId));
        }
        return events;
    }

    private static List<TrackingEvent> gatewayError(JsonNode root) throws PayloadException {
        String status = text(root, "httpCode");
        if ("404".equals(status)) {
            return List.of();
        }
        String shown = status != null && status.matches("\\d{3}") ? " (HTTP " + status + ")" : "";
        throw new PayloadException("MNG gateway error" + shown);
    }

    /** The code of MNG's error body, when it is a short token; never its message. */
    private static String errorCode(JsonNode root) {
        JsonNode error = root.path("error").isObject() ? root.path("error") : root;
        String code = firstNonNull(firstNonNull(text(error, "code"), text(error, "Code")), text(error, "errorCode"));
        return code != null && ERROR_CODE.matcher(code).matches() ? " (" + code + ")" : "";
    }

    private List<TrackingEvent> legacyWrapper(JsonNode root) throws PayloadException {
        JsonNode success = root.path("Success");
        if (success.isBoolean() && !success.booleanValue()) {
            String message = text(root, "Message");
            Matcher m = message == null ? null : LEGACY_ERROR.matcher(message);
            throw new PayloadException("MNG legacy answer reports a failure" + (m != null && m.find() ? " (" + m.group(1) + ")" : ""));
        }
        JsonNode shipment = root.path("Shipment");
        if (shipment.isMissingNode() || shipment.isNull()) {
            return List.of();
        }
        List<JsonNode> rows = new ArrayList<>();
        if (shipment.isObject()) {
            rows.add(shipment);
        } else if (shipment.isArray()) {
            shipment.forEach(rows::add);
        } else {
            throw new PayloadException("MNG legacy answer's shipment is not an object");
        }
        List<TrackingEvent> events = new ArrayList<>();
        for (JsonNode row : rows) {
            if (!row.isObject()) {
                throw new PayloadException("MNG legacy answer's shipment is not an object");
            }
            Map<String, String> columns = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> field : row.properties()) {
                columns.put(field.getKey(), text(row, field.getKey()));
            }
            events.add(legacyRow(columns));
        }
        return events;
    }

    // ---- XML: the legacy SOAP service's DataSet ------------------------------------------------

    private List<TrackingEvent> legacyXml(byte[] payload, String contentType) throws PayloadException {
        Document document = xml.parse(payload, contentType);
        Element response = Soap.body(document, "MNG legacy");
        String name = localName(response);
        String operation = name.endsWith("Response") ? name.substring(0, name.length() - "Response".length()) : null;
        if (operation == null || !LEGACY_OPERATIONS.contains(operation)) {
            throw new PayloadException("MNG legacy answer has an unrecognised shape");
        }
        Optional<Element> result = SafeXml.children(response, operation + "Result").stream().findFirst();
        if (result.isEmpty()) {
            return List.of(); // a null DataSet: nothing about this order
        }
        Optional<Element> diffgram = SafeXml.children(result.get(), "diffgram").stream().findFirst();
        if (diffgram.isEmpty()) {
            return legacyResultWithoutDataSet(result.get());
        }
        List<Element> dataSets = elementChildren(diffgram.get());
        if (dataSets.isEmpty()) {
            return List.of(); // empty diffgram: the order is unknown
        }
        List<TrackingEvent> events = new ArrayList<>();
        for (Element row : elementChildren(dataSets.get(0))) {
            Map<String, String> columns = new LinkedHashMap<>();
            for (Element column : elementChildren(row)) {
                String value = column.getTextContent().trim();
                columns.putIfAbsent(localName(column), value.isEmpty() ? null : value);
            }
            events.add(legacyRow(columns));
        }
        return events;
    }

    /** A result that is no DataSet: empty (nothing about the order), or MNG's error code as text ({@code E003:…}). */
    private static List<TrackingEvent> legacyResultWithoutDataSet(Element result) throws PayloadException {
        Optional<String> error = errorCode(result);
        if (error.isPresent()) {
            throw new PayloadException("MNG legacy error " + error.get());
        }
        boolean onlySchema = elementChildren(result).stream().allMatch(e -> "schema".equals(localName(e)));
        if (onlySchema && result.getTextContent().trim().isEmpty()) {
            return List.of();
        }
        throw new PayloadException("MNG legacy result is neither a DataSet nor an error code");
    }

    private static Optional<String> errorCode(Element result) {
        if (!SafeXml.children(result, "diffgram").isEmpty()
                || !elementChildren(result).stream().allMatch(e -> "schema".equals(localName(e)))) {
            return Optional.empty();
        }
        Matcher m = LEGACY_ERROR.matcher(result.getTextContent().trim());
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * The MNG error code ({@code E003}) a legacy answer consists of, for the client to tell refused credentials from
     * an answer; empty for anything else, including bodies that do not parse. Never throws.
     */
    static Optional<String> legacyErrorCode(byte[] body) {
        if (body == null || body.length == 0 || body.length > MAX_BYTES || firstSignificantByte(body) != '<') {
            return Optional.empty();
        }
        try {
            Element response = Soap.body(new SafeXml(MngCarrier.ID, MAX_BYTES).parse(body), "MNG legacy");
            String name = localName(response);
            if (!name.endsWith("Response")) {
                return Optional.empty();
            }
            String operation = name.substring(0, name.length() - "Response".length());
            Optional<Element> result = SafeXml.children(response, operation + "Result").stream().findFirst();
            return result.isEmpty() ? Optional.empty() : errorCode(result.get());
        } catch (PayloadException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** One DataSet row (one order) as one event: its current status. */
    private TrackingEvent legacyRow(Map<String, String> columns) throws PayloadException {
        String reference = columns.get("SIPARIS_KODU");
        if (reference == null) {
            throw new PayloadException("MNG legacy row names no order code");
        }
        String code = columns.get("SIPARIS_STATU");
        if (code == null) {
            throw new PayloadException("MNG legacy row has no status");
        }
        String description = firstNonNull(columns.get("SIPARIS_STATU_ACIKLAMA"), columns.get("KARGO_SON_HAREKET"));
        String when = columns.get("SIPARIS_STATU_TARIHI");
        String n = MngStatusMap.number(code);
        if (when == null && ("5".equals(n) || "7".equals(n))) {
            when = columns.get("TESLIM_TARIHI");
        }
        if (when == null) {
            when = columns.get("SIPARIS_KAYIT_TARIHI");
        }
        OffsetDateTime occurredAt = time(when, "MNG legacy status time");
        String carrierCode = carrierCode(MngStatusMap.LEGACY + "/", code, description);
        StatusMapping mapping = statusMap.legacy(code, description)
                .orElseGet(() -> UnmappedCodes.record(MngCarrier.ID, carrierCode));
        return new TrackingEvent(MngCarrier.ID, reference, mapping.status(), mapping.reason(), occurredAt, null, carrierCode,
                description, null, columns.get("GONDERI_NO"));
    }

    // ---- shared ----------------------------------------------------------------------------

    /**
     * The code as the event keeps it: numbers without padding, anything else cut to the characters a code has;
     * a not-delivered's "[kod]" appended, as it tells one attempt's cause from another's.
     */
    static String carrierCode(String prefix, String code, String description) {
        String n = MngStatusMap.number(code);
        String base = n != null ? n : printable(code);
        if (MngStatusMap.NOT_DELIVERED.equals(n) && description != null) {
            Matcher m = KOD.matcher(description);
            if (m.find()) {
                base = base + "/" + m.group(1).toUpperCase(java.util.Locale.ROOT);
            }
        }
        return prefix + base;
    }

    /**
     * An MNG time: day first ({@code dd-MM-yyyy HH:mm:ss}, {@code dd.MM.yyyy HH:mm:ss}) or ISO; wall-clock times are
     * Istanbul's, an ISO time with an offset keeps its instant and is shown at Istanbul's offset.
     */
    static OffsetDateTime time(String text, String what) throws PayloadException {
        if (text == null) {
            throw new PayloadException(what + " is missing");
        }
        String t = text.trim();
        try {
            Matcher m = DAY_FIRST.matcher(t);
            if (m.matches()) {
                if (m.group(4) == null) {
                    throw new PayloadException(what + " has no time of day");
                }
                int nanos = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00000000").substring(0, 9));
                LocalDateTime local = LocalDateTime.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(1)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                        m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), nanos);
                return CarrierTime.inZone(local, CarrierTime.ISTANBUL);
            }
            if (ISO.matcher(t).matches() && t.length() > 10) {
                String iso = t.substring(0, 10) + "T" + t.substring(11);
                try {
                    return OffsetDateTime.parse(iso).atZoneSameInstant(CarrierTime.ISTANBUL).toOffsetDateTime();
                } catch (DateTimeParseException withoutOffset) {
                    return CarrierTime.inZone(LocalDateTime.parse(iso), CarrierTime.ISTANBUL);
                }
            }
        } catch (DateTimeException e) {
            throw new PayloadException(what + " is malformed");
        }
        throw new PayloadException(what + " is malformed");
    }

    /** An expected delivery date, day first or ISO, with or without a time; null when it does not parse. */
    static LocalDate lenientDate(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        try {
            Matcher m = DAY_FIRST.matcher(t);
            if (m.matches()) {
                return LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
            }
            if (ISO.matcher(t).matches()) {
                return LocalDate.parse(t.substring(0, 10));
            }
        } catch (DateTimeException e) {
            return null;
        }
        return null;
    }

    /** A code that is not a number, cut to the characters a code has, so no payload text reaches a key or a log. */
    private static String printable(String code) {
        String cleaned = code.trim().replaceAll("[^A-Za-z0-9._-]", "?");
        return cleaned.length() <= 16 ? cleaned : cleaned.substring(0, 16);
    }

    /** A status name MNG may send beside the code; a bare number says nothing the code does not. */
    private static String words(String text) {
        return text == null || text.matches("\\d+") ? null : text;
    }

    /** A scalar field, trimmed; null when missing, blank or not a scalar. */

    private static List<Element> elementChildren(Element parent) {
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

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }
}
