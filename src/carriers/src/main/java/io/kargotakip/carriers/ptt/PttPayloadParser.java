package io.kargotakip.carriers.ptt;

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
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads PTT's answer to {@code barkodSorgu} (service GonderiHareketV2), told apart by shape:
 * <ul>
 *   <li>the SOAP answer: {@code barkodSorguResponse/return} holding {@code ALICI, BARNO, GONDEREN, sonucKodu,
 *       sonucAciklama} and repeated {@code dongu} rows {@code IKODU, ISLEM, ITARIH, ISAAT, IMERK, siraNo}
 *       (element names by local name, whatever their namespace prefix);</li>
 *   <li>the same structure as JSON, {@code {"return": {...}}} or flat, {@code dongu} an array or one object — the shape
 *       of the library fixture in carriers.md §5 (OMNI-ptt), the only published sample (synthetic values).</li>
 * </ul>
 * {@code sonucKodu} 10 is success. Any other code is read by its {@code sonucAciklama} [inference: PTT publishes no
 * code list; the one sample is {@code 0 "Barkod bulunamadı"}]: "… bulunamadı"-like is an unknown barcode (no events),
 * a message about the password, user or customer number is a refusal of our credentials (a {@link PayloadException}
 * here, a {@code CarrierUnavailableException} in {@link PttTrackingClient}), anything else an error naming the code.
 * Sender and recipient names ({@code GONDEREN}, {@code ALICI}) are never read.
 */
final class PttPayloadParser {

    static final String CARRIER = "PTT";
    static final String OPERATION = "barkodSorgu";
    static final String SUCCESS = "10";

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1_000_000)
                            .maxNumberLength(64).build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final DateTimeFormatter SLASHED = date("dd/MM/uuuu");
    private static final DateTimeFormatter DOTTED = date("dd.MM.uuuu");
    private static final DateTimeFormatter COMPACT = date("uuuuMMdd");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("H:mm[:ss]", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter COMPACT_TIME = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    // sonucAciklama wording, folded (TurkishText); a word of the message starts with one of these [inference]
    private static final List<String> CREDENTIAL_WORDS = List.of("sifre", "parola", "yetki");
    private static final List<String> ACCOUNT_WORDS = List.of("musteri", "kullanici");
    private static final List<String> WRONG_WORDS = List.of("hatali", "yanlis", "gecersiz", "bulunamadi", "tanimsiz");
    private static final List<String> NOT_FOUND_WORDS = List.of("bulunamadi", "bulunmamaktadir", "kayit yok", "hareket yok");

    private final SafeXml xml = new SafeXml(CARRIER);
    private final PttStatusMap statusMap;

    PttPayloadParser(PttStatusMap statusMap) {
        this.statusMap = statusMap;
    }

    /** One movement row, as either shape carries it. */
    private record Move(String ikodu, String islem, String itarih, String isaat, String imerk) {
    }

    /** The {@code return} structure, as either shape carries it. */
    private record Answer(String barno, String sonucKodu, String sonucAciklama, List<Move> moves) {
    }

    private enum Outcome { EVENTS, NOT_FOUND, CREDENTIALS_REFUSED, ERROR }

    List<TrackingEvent> parse(byte[] payload, String contentType) throws PayloadException {
        Answer answer = read(payload, contentType);
        return switch (outcome(answer)) {
            case NOT_FOUND -> List.of();
            case CREDENTIALS_REFUSED -> throw new PayloadException(CARRIER + " refused the credentials (sonucKodu " + code(answer) + ")");
            case ERROR -> throw new PayloadException(CARRIER + " answered an error (sonucKodu " + code(answer) + ")");
            case EVENTS -> events(answer);
        };
    }

    /** True when the answer says our customer number or password is wrong. Never throws. */
    boolean credentialsRefused(byte[] payload, String contentType) {
        try {
            return outcome(read(payload, contentType)) == Outcome.CREDENTIALS_REFUSED;
        } catch (PayloadException | RuntimeException e) {
            return false;
        }
    }

    private static Outcome outcome(Answer answer) throws PayloadException {
        if (answer.sonucKodu() == null) {
            // the library reads a return without sonucKodu but with a barcode as a success
            if (answer.barno() == null && answer.moves().isEmpty()) {
                throw new PayloadException(CARRIER + " answer has neither sonucKodu nor BARNO");
            }
            return Outcome.EVENTS;
        }
        if (SUCCESS.equals(answer.sonucKodu().strip())) {
            return Outcome.EVENTS;
        }
        String folded = " " + TurkishText.fold(answer.sonucAciklama());
        if (hasWord(folded, CREDENTIAL_WORDS) || (hasWord(folded, ACCOUNT_WORDS) && hasWord(folded, WRONG_WORDS))) {
            return Outcome.CREDENTIALS_REFUSED;
        }
        return hasWord(folded, NOT_FOUND_WORDS) ? Outcome.NOT_FOUND : Outcome.ERROR;
    }

    private static boolean hasWord(String folded, List<String> words) {
        return words.stream().anyMatch(w -> folded.contains(" " + w));
    }

    /** The code for a message: digits only, so nothing else of the payload gets in. */
    private static String code(Answer answer) {
        String code = answer.sonucKodu().strip();
        return code.matches("-?\\d{1,6}") ? code : "not a number";
    }

    private List<TrackingEvent> events(Answer answer) throws PayloadException {
        if (answer.moves().isEmpty()) {
            return List.of(); // a barcode PTT knows, without movements yet
        }
        if (answer.barno() == null) {
            throw new PayloadException(CARRIER + " answer has movements but no BARNO");
        }
        List<TrackingEvent> events = new ArrayList<>();
        for (Move move : answer.moves()) {
            if (move.ikodu() == null) {
                throw new PayloadException(CARRIER + " movement has no IKODU");
            }
            String normalised = PttStatusMap.code(move.ikodu());
            String code = normalised != null ? normalised : move.ikodu();
            StatusMapping mapping = statusMap.forCode(code).orElseGet(() -> UnmappedCodes.record(PttCarrier.ID, code));
            events.add(new TrackingEvent(PttCarrier.ID, answer.barno(), mapping.status(), mapping.reason(),
                    occurredAt(move.itarih(), move.isaat()), move.imerk(), code, move.islem(), null));
        }
        return events;
    }

    /** ITARIH dd/MM/yyyy or yyyyMMdd (a time after it is used when ISAAT is absent), ISAAT HH:mm:ss; Türkiye time. */
    static OffsetDateTime occurredAt(String itarih, String isaat) throws PayloadException {
        if (itarih == null) {
            throw new PayloadException(CARRIER + " movement date (ITARIH) is missing");
        }
        String dateText = itarih;
        String timeText = isaat;
        int space = itarih.indexOf(' ');
        if (space > 0) {
            dateText = itarih.substring(0, space);
            if (timeText == null) {
                timeText = itarih.substring(space + 1).strip();
            }
        }
        LocalDate date = parseDate(dateText);
        LocalTime time = timeText == null ? LocalTime.MIDNIGHT : parseTime(timeText);
        return CarrierTime.inZone(date.atTime(time), CarrierTime.ISTANBUL);
    }

    private static LocalDate parseDate(String text) throws PayloadException {
        DateTimeFormatter format = text.indexOf('/') > 0 ? SLASHED : text.indexOf('.') > 0 ? DOTTED : COMPACT;
        try {
            return LocalDate.parse(text, format);
        } catch (DateTimeException e) {
            throw new PayloadException(CARRIER + " movement date (ITARIH) is malformed");
        }
    }

    private static LocalTime parseTime(String text) throws PayloadException {
        try {
            return LocalTime.parse(text, text.indexOf(':') > 0 ? TIME : COMPACT_TIME);
        } catch (DateTimeException e) {
            throw new PayloadException(CARRIER + " movement time (ISAAT) is malformed");
        }
    }

    private static DateTimeFormatter date(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    // ---- the two shapes -----------------------------------------------------------------------------

    private Answer read(byte[] payload, String contentType) throws PayloadException {
        if (payload == null || payload.length == 0) {
            throw new PayloadException(CARRIER + " payload is empty");
        }
        int first = firstSignificant(payload);
        if (first == '{') {
            return json(payload);
        }
        if (first == '<') {
            return soap(document(payload, contentType));
        }
        throw new PayloadException(CARRIER + " payload is neither XML nor JSON");
    }

    /** The first byte after a UTF-8 BOM and white space ('<' for a UTF-16 BOM); -1 when there is none. */
    private static int firstSignificant(byte[] payload) {
        int i = 0;
        if (payload.length >= 3 && payload[0] == (byte) 0xEF && payload[1] == (byte) 0xBB && payload[2] == (byte) 0xBF) {
            i = 3;
        } else if (payload.length >= 2 && (payload[0] == (byte) 0xFE || payload[0] == (byte) 0xFF)) {
            return '<'; // a UTF-16 BOM: only XML says its encoding that way here; the XML reader decides
        }
        for (; i < payload.length; i++) {
            int b = payload[i] & 0xFF;
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b;
            }
        }
        return -1;
    }

    /**
     * Polls reach the parser without their content type: bytes that are not UTF-8 and do not parse as the document
     * says are read as windows-1254 (Turkish letters are the same in ISO-8859-9).
     */
    private Document document(byte[] payload, String contentType) throws PayloadException {
        try {
            return contentType == null ? xml.parse(payload) : xml.parse(payload, contentType);
        } catch (PayloadException e) {
            if (isUtf8(payload)) {
                throw e;
            }
            return xml.parse(payload, "text/xml; charset=windows-1254");
        }
    }

    private Answer soap(Document document) throws PayloadException {
        Element response = Soap.body(document, CARRIER);
        if (!(OPERATION + "Response").equals(localName(response))) {
            throw new PayloadException(CARRIER + " payload is not a " + OPERATION + " answer");
        }
        List<Element> returns = SafeXml.children(response, "return");
        if (returns.size() != 1) {
            throw new PayloadException(CARRIER + " " + OPERATION + " answer has no single return");
        }
        Element ret = returns.get(0);
        List<Move> moves = new ArrayList<>();
        for (Element row : SafeXml.children(ret, "dongu")) {
            moves.add(new Move(text(row, "IKODU"), text(row, "ISLEM"), text(row, "ITARIH"), text(row, "ISAAT"), text(row, "IMERK")));
        }
        return new Answer(text(ret, "BARNO"), text(ret, "sonucKodu"), text(ret, "sonucAciklama"), moves);
    }

    private Answer json(byte[] payload) throws PayloadException {
        JsonNode root;
        try {
            root = JSON.readTree(isUtf8(payload) ? payload
                    : new String(payload, Charset.forName("windows-1254")).getBytes(StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            // the cause is dropped on purpose: Jackson's message can quote the payload
            throw new PayloadException(CARRIER + " payload is not valid JSON");
        } catch (IOException e) {
            throw new PayloadException(CARRIER + " payload could not be read");
        }
        if (root == null || !root.isObject()) {
            throw new PayloadException(CARRIER + " payload is not a JSON object");
        }
        JsonNode ret = root.has("return") ? root.get("return") : root;
        if (!ret.isObject() || !(ret.has("BARNO") || ret.has("sonucKodu") || ret.has("dongu"))) {
            throw new PayloadException(CARRIER + " JSON payload is not a " + OPERATION + " answer");
        }
        JsonNode dongu = ret.path("dongu");
        List<JsonNode> rows = new ArrayList<>();
        if (dongu.isArray()) {
            dongu.forEach(rows::add);
        } else if (dongu.isObject()) {
            rows.add(dongu);
        } else if (!dongu.isMissingNode() && !dongu.isNull()) {
            throw new PayloadException(CARRIER + " dongu is neither a list nor a movement");
        }
        List<Move> moves = new ArrayList<>();
        for (JsonNode row : rows) {
            if (!row.isObject()) {
                throw new PayloadException(CARRIER + " dongu holds something other than a movement");
            }
            moves.add(new Move(text(row, "IKODU"), text(row, "ISLEM"), text(row, "ITARIH"), text(row, "ISAAT"), text(row, "IMERK")));
        }
        return new Answer(text(ret, "BARNO"), text(ret, "sonucKodu"), text(ret, "sonucAciklama"), moves);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isValueNode() || value.isNull()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    /** A child's text by local name (Axis may prefix it), trimmed; null when missing, blank or xsi:nil. */
    private static String text(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(localName(e))) {
                String text = e.getTextContent().strip();
                return text.isEmpty() ? null : text;
            }
        }
        return null;
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
    }

    static boolean isUtf8(byte[] payload) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(payload));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
