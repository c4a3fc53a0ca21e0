package io.kargotakip.carriers.yurtici;

import io.kargotakip.carriers.kit.CarrierTime;
import io.kargotakip.carriers.kit.SafeXml;
import io.kargotakip.carriers.kit.Soap;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.TurkishText;
import io.kargotakip.carriers.kit.UnmappedCodes;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Reads Yurtiçi's answers, told apart by shape (inside a SOAP envelope or bare):
 * <ul>
 *   <li>{@code ShippingDeliveryVO}, the queryShipment answer: per shipment ({@code shippingDeliveryDetailVO}, keyed
 *       by cargoKey, alternate number docId) one event per history row ({@code invDocCargoVOArray}), plus one for
 *       the headline {@code operationStatus} and one for the {@code rejectStatus} where they say more than the
 *       history (see {@link #headline} and {@link #rejection});</li>
 *   <li>{@code ShippingOrderResultVO}, the cancelShipment (and createShipment) answer: recognised, and rejected
 *       with a {@link PayloadException} when it has no error to report, because it carries no time at all (its
 *       CNL/ISC says "cancelled", but not when; the receipt time would give the same cancellation a new
 *       idempotency key on every read). A cancellation is seen by polling queryShipment.</li>
 * </ul>
 * "Not found": a shipment whose detail carries an {@code errCode} gives no events (other shipments of the
 * same batch still do), and so does an error answer whose message says nothing was found. An answer
 * refusing the web-service user or password, YK's unexpected error (outFlag 2, errCode 936), the request
 * errors 82526 (no keys) and 82527 (no keyType) and any other error answer are {@link PayloadException}s;
 * the tracking client turns the first two into {@code CarrierUnavailableException} before they reach a parser.
 *
 * <p>Times are Europe/Istanbul wall-clock times ({@code YYYYMMDD} + {@code HHMMSS}). Messages never repeat the
 * payload's text: only outFlag and well-formed numeric error codes.
 */
final class YurticiPayloadParser {

    static final String CARRIER = "Yurtiçi";

    private static final SafeXml XML = new SafeXml(CARRIER);

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    /** YK's own "no problem" reason (YKDOC's example event): such a reason says nothing. */
    private static final String NO_PROBLEM = TurkishText.fold("Sorun Yok");

    /**
     * Words of an error answer that refuses the web-service user or password. YK documents no code for this, so
     * it is told by its message, in Turkish or English (wsLanguage). Inferred: extend from captured answers.
     * Not "kullanıcı" alone: "Web servis kullanıcı dili boş olamaz" is a request error, not a refusal.
     */
    private static final List<String> REFUSAL_WORDS = folded("şifre", "parola", "kullanıcı adı", "kullanıcı bilgi",
            "geçersiz kullanıcı", "kullanıcı bulunamadı", "kullanıcı doğrulan", "yetki", "giriş başarısız",
            "password", "username", "user name", "login", "authentication", "unauthori");
    /** Words of an error answer that found nothing for the keys asked about (inferred, like the above). */
    private static final List<String> NOT_FOUND_WORDS = folded("bulunamadı", "bulunmamaktadır", "bulunmadı", "kayıt yok",
            "not found", "no record");

    static final String KEYS_MISSING = "82526";
    static final String KEY_TYPE_MISSING = "82527";
    static final String UNEXPECTED_ERROR = "936";

    /** What an error answer means for whoever called: the tracking client decides on it before parsing. */
    enum Failure { REFUSED_CREDENTIALS, UNEXPECTED, REQUEST, NOT_FOUND, OTHER }

    private final YurticiStatusMap statusMap;

    YurticiPayloadParser(YurticiStatusMap statusMap) {
        this.statusMap = Objects.requireNonNull(statusMap, "statusMap");
    }

    List<TrackingEvent> parse(byte[] payload, String contentType) throws PayloadException {
        Element result = result(payload, contentType);
        Optional<Failure> failure = failure(result);
        if (failure.isPresent()) {
            if (failure.get() == Failure.NOT_FOUND) {
                return List.of();
            }
            throw new PayloadException(failureMessage(failure.get(), result));
        }
        if ("ShippingOrderResultVO".equals(localName(result))) {
            throw new PayloadException(CARRIER + " cancel/create answer carries no event time: poll queryShipment instead");
        }
        List<TrackingEvent> events = new ArrayList<>();
        for (Element detail : SafeXml.children(result, "shippingDeliveryDetailVO")) {
            shipment(detail, events);
        }
        events.sort(Comparator.comparing(e -> e.occurredAt().toInstant()));
        return events;
    }

    /**
     * The error an answer reports, if it is a Yurtiçi answer that reports one; empty for a readable answer with
     * no error and for anything that is no Yurtiçi answer at all. Never throws: the tracking client asks this of
     * every body before handing it on.
     */
    static Optional<Failure> failureOf(byte[] payload, String contentType) {
        try {
            return failure(result(payload, contentType));
        } catch (PayloadException e) {
            return Optional.empty();
        }
    }

    // ---- shapes and errors ----------------------------------------------------------------------

    /** The queryShipment or cancel answer element, bare or inside an envelope and the operation's response. */
    private static Element result(byte[] payload, String contentType) throws PayloadException {
        Element answer = Soap.body(XML.parse(payload, contentType), CARRIER);
        if (isResult(answer)) {
            return answer;
        }
        for (Node n = answer.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element child && isResult(child)) {
                return child;
            }
        }
        throw new PayloadException(CARRIER + " payload has an unrecognised shape");
    }

    private static boolean isResult(Element e) {
        String name = localName(e);
        return "ShippingDeliveryVO".equals(name) || "ShippingOrderResultVO".equals(name);
    }

    private static Optional<Failure> failure(Element result) throws PayloadException {
        int outFlag = outFlag(result);
        List<Element> details = details(result);
        for (Element e : withDetails(result, details)) {
            String code = errCode(e);
            if (KEYS_MISSING.equals(code) || KEY_TYPE_MISSING.equals(code)) {
                return Optional.of(Failure.REQUEST);
            }
        }
        if (outFlag == 0) {
            return Optional.empty();
        }
        String message = " " + TurkishText.fold(SafeXml.childText(result, "outResult")) + " "
                + TurkishText.fold(SafeXml.childText(result, "errMessage"));
        if (containsWord(message, REFUSAL_WORDS)) {
            return Optional.of(Failure.REFUSED_CREDENTIALS);
        }
        if (outFlag == 2 || UNEXPECTED_ERROR.equals(errCode(result))) {
            return Optional.of(Failure.UNEXPECTED);
        }
        if (!details.isEmpty()) {
            return Optional.empty(); // an error about some keys: each detail says which (see shipment)
        }
        return Optional.of(containsWord(message, NOT_FOUND_WORDS) ? Failure.NOT_FOUND : Failure.OTHER);
    }

    private static String failureMessage(Failure failure, Element result) throws PayloadException {
        int outFlag = outFlag(result);
        String code = errCode(result);
        String codeText = code == null ? "" : ", errCode " + code;
        return switch (failure) {
            case REFUSED_CREDENTIALS -> CARRIER + " refused the web-service user name or password (outFlag " + outFlag + codeText + ")";
            case UNEXPECTED -> CARRIER + " reported an unexpected error of its own (outFlag " + outFlag + codeText + ")";
            case REQUEST -> CARRIER + " error " + requestCode(result) + ": the request lacks its "
                    + (KEYS_MISSING.equals(requestCode(result)) ? "keys" : "keyType");
            case OTHER -> CARRIER + " answered with an error (outFlag " + outFlag + codeText + ")";
            case NOT_FOUND -> CARRIER + " found nothing for the keys";
        };
    }

    private static String requestCode(Element result) {
        for (Element e : withDetails(result, details(result))) {
            String code = errCode(e);
            if (KEYS_MISSING.equals(code) || KEY_TYPE_MISSING.equals(code)) {
                return code;
            }
        }
        return KEYS_MISSING;
    }

    private static int outFlag(Element result) throws PayloadException {
        String flag = SafeXml.childText(result, "outFlag");
        if (flag == null || !flag.matches("\\d{1,2}")) {
            throw new PayloadException(CARRIER + " answer has no readable outFlag");
        }
        return Integer.parseInt(flag);
    }

    /** A well-formed numeric error code other than 0 ("Başarılı"); null otherwise, so only digits reach a message. */
    private static String errCode(Element e) {
        String code = SafeXml.childText(e, "errCode");
        if (code == null || !code.matches("\\d{1,9}")) {
            return null;
        }
        String value = String.valueOf(Long.parseLong(code));
        return "0".equals(value) ? null : value;
    }

    /** The per-shipment elements of either answer (query details, cancel details, create details). */
    private static List<Element> details(Element result) {
        List<Element> details = new ArrayList<>(SafeXml.children(result, "shippingDeliveryDetailVO"));
        details.addAll(SafeXml.children(result, "shippingCancelDetailVO"));
        details.addAll(SafeXml.children(result, "ShippingOrderDetailVO"));
        details.addAll(SafeXml.children(result, "shippingOrderDetailVO"));
        return details;
    }

    private static List<Element> withDetails(Element result, List<Element> details) {
        List<Element> all = new ArrayList<>(details.size() + 1);
        all.add(result);
        all.addAll(details);
        return all;
    }

    // ---- one shipment ---------------------------------------------------------------------------

    private void shipment(Element detail, List<TrackingEvent> into) throws PayloadException {
        String errCode = SafeXml.childText(detail, "errCode");
        if (errCode != null && !errCode.matches("0+")) {
            return; // a key YK does not know (or refused for this key alone): nothing to say about it
        }
        List<Element> items = SafeXml.children(detail, "shippingDeliveryItemDetailVO");
        Element item = items.isEmpty() ? null : items.get(0);
        String cargoKey = firstNonNull(SafeXml.childText(detail, "cargoKey"), item == null ? null : SafeXml.childText(item, "cargoKey"));
        String docId = firstNonNull(SafeXml.childText(detail, "docId"), item == null ? null : SafeXml.childText(item, "docId"));
        String code = firstNonNull(YurticiStatusMap.operationKey(SafeXml.childText(detail, "operationStatus")),
                YurticiStatusMap.operationStatusOf(SafeXml.childText(detail, "operationCode")));
        if (cargoKey == null) {
            if (item == null && code == null) {
                return; // an empty detail: nothing known about any key
            }
            throw new PayloadException(CARRIER + " shipment has no cargoKey");
        }
        Shipment shipment = new Shipment(cargoKey, docId, item == null ? null : estimate(item));
        List<TrackingEvent> history = new ArrayList<>();
        for (Element each : items) {
            for (Element row : SafeXml.children(each, "invDocCargoVOArray")) {
                history.add(historyEvent(shipment, row));
            }
        }
        into.addAll(history);
        headline(shipment, detail, item, code, history).ifPresent(into::add);
        for (Element each : items) {
            rejection(shipment, each, history).ifPresent(into::add);
        }
    }

    private record Shipment(String cargoKey, String docId, LocalDate estimatedDelivery) {
    }

    /** One history row: its event name's pattern, or its reason's where the reason is a problem YK names. */
    private TrackingEvent historyEvent(Shipment shipment, Element row) throws PayloadException {
        String eventName = SafeXml.childText(row, "eventName");
        String eventId = SafeXml.childText(row, "eventId");
        if (eventName == null && eventId == null) {
            throw new PayloadException(CARRIER + " history row has neither an event name nor an id");
        }
        String reasonName = SafeXml.childText(row, "reasonName");
        String reasonId = SafeXml.childText(row, "reasonId");
        boolean problem = reasonName != null && !NO_PROBLEM.equals(TurkishText.fold(reasonName));
        Optional<StatusMapping> byReason = problem ? statusMap.text(reasonName) : Optional.empty();
        Optional<StatusMapping> byEvent = statusMap.text(eventName);
        if (problem && byReason.isEmpty()) {
            UnmappedCodes.record(YurticiCarrier.ID, "reason " + (reasonId != null ? reasonId : TurkishText.fold(reasonName)));
        }
        StatusMapping mapping = byReason.or(() -> byEvent).orElseGet(() -> UnmappedCodes.record(YurticiCarrier.ID,
                "event " + (eventId != null ? eventId : TurkishText.fold(eventName))));
        OffsetDateTime at = time(SafeXml.childText(row, "eventDate"), SafeXml.childText(row, "eventTime"), "history row");
        if (at == null) {
            throw new PayloadException(CARRIER + " history row has no date");
        }
        String description = eventName == null ? null : problem ? eventName + " - " + reasonName : eventName;
        return event(shipment, mapping, at, location(SafeXml.childText(row, "unitName"), SafeXml.childText(row, "townName"),
                SafeXml.childText(row, "cityName")), historyCode(eventId, eventName, problem ? reasonId : null, problem ? reasonName : null), description);
    }

    /**
     * The same scan read twice must give the same code: YK's ids where it sends them, else the folded names
     * (so "TESLİM EDİLDİ" and "Teslim Edildi" are one code).
     */
    static String historyCode(String eventId, String eventName, String reasonId, String reasonName) {
        String event = eventId != null ? eventId : TurkishText.fold(eventName);
        String reason = reasonId != null ? reasonId : reasonName == null ? "" : TurkishText.fold(reasonName);
        return reason.isEmpty() ? event : event + "/" + reason;
    }

    /**
     * The headline operationStatus as an event, where it says more than the history and has a time of its own:
     * delivered at deliveryDate/deliveryTime; label created at documentDate/documentTime; in transit (IND, ISR)
     * only when there is no history, at the document's time; anything else (CNL, ISC, BI cancelled, an unmapped
     * code) at the newest time the answer gives for the shipment (its last scan or its document), since YK does not
     * say when a shipment was cancelled, and that instant stays the same on every later poll. No time, no event: the
     * shipment keeps its status. Nothing either when a history row already gave the same status.
     */
    private Optional<TrackingEvent> headline(Shipment shipment, Element detail, Element item, String code,
                                             List<TrackingEvent> history) throws PayloadException {
        if (code == null) {
            return Optional.empty();
        }
        StatusMapping mapping = statusMap.operationStatus(code)
                .orElseGet(() -> UnmappedCodes.record(YurticiCarrier.ID, YurticiStatusMap.OPERATION_STATUS + " " + code));
        if (sayNothingNew(mapping, history)) {
            return Optional.empty();
        }
        OffsetDateTime at;
        String location = null;
        if (mapping.status() == TrackingStatus.DELIVERED) {
            at = item == null ? null : time(SafeXml.childText(item, "deliveryDate"), SafeXml.childText(item, "deliveryTime"), "delivery");
            location = item == null ? null : SafeXml.childText(item, "deliveryUnitName");
        } else if (mapping.status() == TrackingStatus.LABEL_CREATED || mapping.status() == TrackingStatus.IN_TRANSIT) {
            if (mapping.status() == TrackingStatus.IN_TRANSIT && !history.isEmpty()) {
                return Optional.empty();
            }
            at = documentTime(item);
        } else {
            at = newest(documentTime(item), history);
        }
        if (at == null) {
            return Optional.empty();
        }
        return Optional.of(event(shipment, mapping, at, location, YurticiStatusMap.OPERATION_STATUS + ":" + code,
                SafeXml.childText(detail, "operationMessage")));
    }

    /**
     * The rejectStatus as an event. A return_in_transit state only once the return has its own document
     * (returnDocId): YK may report a return request that is later refused (11), and a return is a later phase
     * a shipment never leaves. Its time: returnDeliveryDate for a completed return, else returnDocumentDate (both
     * dates only: the start of that day), else the newest time of the shipment; none, no event.
     */
    private Optional<TrackingEvent> rejection(Shipment shipment, Element item, List<TrackingEvent> history)
            throws PayloadException {
        String code = YurticiStatusMap.rejectKey(SafeXml.childText(item, "rejectStatus"));
        if (code == null) {
            return Optional.empty();
        }
        StatusMapping mapping = statusMap.rejectStatus(code)
                .orElseGet(() -> UnmappedCodes.record(YurticiCarrier.ID, YurticiStatusMap.REJECT_STATUS + " " + code));
        if (mapping.status() == TrackingStatus.RETURN_IN_TRANSIT && !present(SafeXml.childText(item, "returnDocId"))) {
            return Optional.empty();
        }
        if (sayNothingNew(mapping, history)) {
            return Optional.empty();
        }
        OffsetDateTime at = null;
        if (mapping.status() == TrackingStatus.RETURNED_TO_SENDER) {
            at = time(SafeXml.childText(item, "returnDeliveryDate"), null, "return delivery");
        }
        if (at == null) {
            at = time(SafeXml.childText(item, "returnDocumentDate"), null, "return document");
        }
        if (at == null) {
            at = newest(documentTime(item), history);
        }
        if (at == null) {
            return Optional.empty();
        }
        return Optional.of(event(shipment, mapping, at, null, YurticiStatusMap.REJECT_STATUS + ":" + code,
                SafeXml.childText(item, "rejectStatusExplanation")));
    }

    private static boolean sayNothingNew(StatusMapping mapping, List<TrackingEvent> history) {
        return mapping.status() != TrackingStatus.UNKNOWN && history.stream()
                .anyMatch(e -> e.status() == mapping.status() && Objects.equals(e.reason(), mapping.reason()));
    }

    private static OffsetDateTime documentTime(Element item) throws PayloadException {
        return item == null ? null : time(SafeXml.childText(item, "documentDate"), SafeXml.childText(item, "documentTime"), "document");
    }

    private static OffsetDateTime newest(OffsetDateTime document, List<TrackingEvent> history) {
        OffsetDateTime newest = document;
        for (TrackingEvent e : history) {
            if (newest == null || e.occurredAt().toInstant().isAfter(newest.toInstant())) {
                newest = e.occurredAt();
            }
        }
        return newest;
    }

    private static TrackingEvent event(Shipment shipment, StatusMapping mapping, OffsetDateTime at, String location,
                                       String carrierCode, String description) {
        return new TrackingEvent(YurticiCarrier.ID, shipment.cargoKey(), mapping.status(), mapping.reason(), at, location,
                carrierCode, description, shipment.estimatedDelivery(), shipment.docId());
    }

    // ---- fields ---------------------------------------------------------------------------------

    /**
     * A {@code YYYYMMDD} date and {@code HHMMSS} time in Istanbul. A time that lost its leading zeros is padded; a
     * missing time is the start of the day. Null when the date is absent (blank or all zeros, as unset dates come).
     */
    static OffsetDateTime time(String date, String time, String what) throws PayloadException {
        if (!present(date)) {
            return null;
        }
        if (!date.matches("\\d{8}")) {
            throw new PayloadException(CARRIER + " " + what + " date is malformed");
        }
        String clock = time == null ? "" : time.replace(":", "");
        if (!clock.matches("\\d{0,6}")) {
            throw new PayloadException(CARRIER + " " + what + " time is malformed");
        }
        try {
            LocalTime localTime = clock.isEmpty() ? LocalTime.MIDNIGHT : LocalTime.parse("0".repeat(6 - clock.length()) + clock, TIME);
            return CarrierTime.inZone(LocalDateTime.of(LocalDate.parse(date, DATE), localTime), CarrierTime.ISTANBUL);
        } catch (DateTimeException e) {
            throw new PayloadException(CARRIER + " " + what + " date or time is out of range");
        }
    }

    /** An estimate that does not parse is dropped rather than failing the whole answer. */
    private static LocalDate estimate(Element item) {
        String value = SafeXml.childText(item, "estimatedDeliveryDate");
        if (value == null || !value.matches("\\d{8}")) {
            return null;
        }
        try {
            return LocalDate.parse(value, DATE);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** "unit, town, city" from the parts YK filled in; null when there are none. */
    static String location(String unit, String town, String city) {
        StringJoiner joined = new StringJoiner(", ");
        for (String part : new String[] {unit, town, city}) {
            if (part != null) {
                joined.add(part);
            }
        }
        return joined.length() == 0 ? null : joined.toString();
    }

    /** Set, and not YK's "nothing here" (blank, or zeros as in an unset returnDocId or date). */
    private static boolean present(String value) {
        return value != null && !value.isBlank() && !value.trim().matches("0+");
    }

    private static boolean containsWord(String foldedText, List<String> words) {
        String text = " " + foldedText.trim();
        return words.stream().anyMatch(w -> text.contains(" " + w));
    }

    private static List<String> folded(String... words) {
        return java.util.Arrays.stream(words).map(TurkishText::fold).toList();
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }
}
