package io.kargotakip.carriers.surat;

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
import org.w3c.dom.ProcessingInstruction;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads Sürat's answer to {@code KargoTakipHareketDetayliV2}: a SOAP envelope whose
 * {@code KargoTakipHareketDetayliV2Result} is a plain string.
 *
 * <p><b>THE FORMAT OF THAT STRING IS A GUESS.</b> Sürat's WSDL types it as {@code string} and documents nothing
 * more (carriers.md §4); no real answer has been captured. Until one is, the string is recognised as any of:
 * <ol>
 *   <li>embedded XML of movement rows (a .NET DataSet or similar, escaped in the string or inline): any element
 *       with a status-like and a date-like child is a row; the child names below are guesses;</li>
 *   <li>{@code status|datetime|location} lines, the only public driver's assumption (OMNI-surat);</li>
 *   <li>a plain Turkish message: "Kayıt bulunamadı"-like means no movements (no events), a wrong-password-like
 *       message is a refusal of our credentials ({@link PayloadException} here; the tracking client makes it a
 *       {@code CarrierUnavailableException}), any other message a {@link PayloadException}.</li>
 * </ol>
 * Replace these guesses with the real shape (and the text rows of {@code status-map.csv} with the real wording)
 * once responses are captured.
 *
 * <p>The shipment's key is Sürat's {@code WebSiparisKodu} (the merchant's reference), which the answer does not
 * necessarily repeat: {@link SuratTrackingClient} appends it to the answer it hands over as a trailing processing
 * instruction ({@link #withPolledKey}); a row's own {@code WebSiparisKodu} stands in when that is absent.
 */
final class SuratPayloadParser {

    static final String CARRIER = "Sürat";
    static final String OPERATION = "KargoTakipHareketDetayliV2";
    /** The processing instruction after the answer's root that names the polled key (URL-encoded UTF-8). */
    static final String POLLED_KEY = "kargotakip-polled-key";

    // Guessed column names of a movement row, most specific first; compared without case.
    static final List<String> STATUS_FIELDS = List.of("HareketAdi", "HareketDurumu", "Hareket", "DurumAdi", "Durum",
            "IslemAdi", "Islem", "Status");
    static final List<String> DETAIL_FIELDS = List.of("Aciklama", "HareketAciklama", "DurumAciklama", "Detay", "Neden", "Sebep");
    static final List<String> DATE_FIELDS = List.of("HareketTarihi", "IslemTarihi", "TarihSaat", "Tarih", "Zaman", "Date");
    static final List<String> TIME_FIELDS = List.of("HareketSaati", "IslemSaati", "Saat", "Time");
    static final List<String> PLACE_FIELDS = List.of("BirimAdi", "Birim", "SubeAdi", "Sube", "IslemYeri", "HareketYeri",
            "Yer", "Konum", "Lokasyon", "Il");
    static final List<String> KEY_FIELDS = List.of("WebSiparisKodu", "SiparisKodu");
    static final List<String> ALTERNATE_FIELDS = List.of("KargoTakipNo", "TakipNo", "GonderiNo", "BarkodNo", "Barkod");

    // Guessed wording of the plain messages, folded (TurkishText): a word of the message starts with one of these.
    private static final List<String> CREDENTIAL_WORDS = List.of("sifre", "parola", "yetki");
    private static final List<String> ACCOUNT_WORDS = List.of("cari", "kullanici", "musteri");
    private static final List<String> WRONG_WORDS = List.of("hatali", "yanlis", "gecersiz", "bulunamadi");
    private static final List<String> NOT_FOUND_WORDS = List.of("bulunamadi", "bulunmamaktadir", "kayit yok",
            "hareket yok", "bilgi yok", "sonuc yok");

    private static final Pattern XML_DECLARATION = Pattern.compile("^<\\?xml[^>]*\\?>");
    private static final Pattern LINE_BREAK = Pattern.compile("\\r?\\n|\\r");
    private static final int MAX_CODE_LENGTH = 64;

    /** .NET's tr-TR form (22.03.2026 14:30:00), its slash and ISO-like variants; a date alone is midnight. */
    private static final List<DateTimeFormatter> LOCAL_TIMES = Arrays.stream(new String[] {
            "d.M.uuuu[ H:mm[:ss]]", "d/M/uuuu[ H:mm[:ss]]", "uuuu-M-d[ H:mm[:ss]]", "d-M-uuuu[ H:mm[:ss]]"})
            .map(p -> new DateTimeFormatterBuilder().appendPattern(p)
                    .parseDefaulting(ChronoField.HOUR_OF_DAY, 0).parseDefaulting(ChronoField.MINUTE_OF_HOUR, 0)
                    .parseDefaulting(ChronoField.SECOND_OF_MINUTE, 0)
                    .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT))
            .toList();

    private final SafeXml xml = new SafeXml(CARRIER);
    private final SuratStatusMap statusMap;

    SuratPayloadParser(SuratStatusMap statusMap) {
        this.statusMap = statusMap;
    }

    /** What the result string turned out to be. */
    private enum Kind { ROWS, LINES, NO_MOVEMENTS, CREDENTIALS_REFUSED, UNRECOGNISED }

    private record Answer(Kind kind, List<Element> rows, List<String> lines) {
        static Answer of(Kind kind) {
            return new Answer(kind, List.of(), List.of());
        }
    }

    List<TrackingEvent> parse(byte[] payload, String contentType) throws PayloadException {
        Document document = read(payload, contentType);
        Answer answer = answer(document);
        return switch (answer.kind()) {
            case NO_MOVEMENTS -> List.of();
            case CREDENTIALS_REFUSED -> throw new PayloadException(CARRIER + " refused the credentials (cari kodu or web service password)");
            case UNRECOGNISED -> throw new PayloadException(CARRIER + " answered a message this parser does not recognise");
            case ROWS -> rows(answer.rows(), polledKey(document));
            case LINES -> lines(answer.lines(), polledKey(document));
        };
    }

    /** True when the answer is Sürat's message that our cari kodu or password is wrong. Never throws. */
    boolean credentialsRefused(byte[] payload, String contentType) {
        try {
            return answer(read(payload, contentType)).kind() == Kind.CREDENTIALS_REFUSED;
        } catch (PayloadException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The answer as the tracking client hands it over: Sürat's bytes unchanged, then a processing instruction naming
     * the key polled (XML allows one after the root element). URL-encoded, so it is ASCII and cannot close the
     * instruction; in UTF-16 when the answer is.
     */
    static byte[] withPolledKey(byte[] answer, String key) {
        String trailer = "<?" + POLLED_KEY + " " + URLEncoder.encode(key, StandardCharsets.UTF_8) + "?>";
        Charset charset = StandardCharsets.US_ASCII;
        if (answer.length >= 2 && answer[0] == (byte) 0xFE && answer[1] == (byte) 0xFF) {
            charset = StandardCharsets.UTF_16BE;
        } else if (answer.length >= 2 && answer[0] == (byte) 0xFF && answer[1] == (byte) 0xFE) {
            charset = StandardCharsets.UTF_16LE;
        }
        byte[] tail = trailer.getBytes(charset);
        byte[] out = Arrays.copyOf(answer, answer.length + tail.length);
        System.arraycopy(tail, 0, out, answer.length, tail.length);
        return out;
    }

    // ---- the envelope and the result string ---------------------------------------------------------

    /**
     * Polls reach the parser without their content type, and an old IIS may answer windows-1254 without saying so in
     * the document: bytes that are not UTF-8 are then read as windows-1254 (Turkish letters are the same in ISO-8859-9).
     */
    private Document read(byte[] payload, String contentType) throws PayloadException {
        try {
            return contentType == null ? xml.parse(payload) : xml.parse(payload, contentType);
        } catch (PayloadException e) {
            if (payload == null || isUtf8(payload)) {
                throw e;
            }
            return xml.parse(payload, "text/xml; charset=windows-1254");
        }
    }

    private Answer answer(Document document) throws PayloadException {
        Element response = Soap.body(document, CARRIER);
        if (!(OPERATION + "Response").equals(localName(response))) {
            throw new PayloadException(CARRIER + " payload is not a " + OPERATION + " answer");
        }
        Element result = child(response, List.of(OPERATION + "Result"));
        if (result == null) {
            return Answer.of(Kind.NO_MOVEMENTS); // ASMX leaves a null string out: nothing to report
        }
        if (firstElement(result) != null) {
            return xmlAnswer(result); // the rows inline (a DataSet with its schema), not escaped in the string
        }
        String text = result.getTextContent().strip();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1).strip();
        }
        if (text.isEmpty()) {
            return Answer.of(Kind.NO_MOVEMENTS);
        }
        if (text.charAt(0) == '<') {
            String inner = XML_DECLARATION.matcher(text).replaceFirst(""); // .NET writes encoding="utf-16" into strings
            return xmlAnswer(xml.parse(inner.getBytes(StandardCharsets.UTF_8)).getDocumentElement());
        }
        List<String> lines = LINE_BREAK.splitAsStream(text).map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (lines.stream().allMatch(l -> l.indexOf('|') >= 0)) {
            return new Answer(Kind.LINES, List.of(), lines);
        }
        return message(text);
    }

    private Answer xmlAnswer(Element root) {
        List<Element> rows = new ArrayList<>();
        collectRows(root, rows);
        if (!rows.isEmpty()) {
            return new Answer(Kind.ROWS, rows, List.of());
        }
        String text = root.getTextContent().strip();
        return text.isEmpty() ? Answer.of(Kind.NO_MOVEMENTS) : message(text);
    }

    private static Answer message(String text) {
        String folded = " " + TurkishText.fold(text);
        if (hasWord(folded, CREDENTIAL_WORDS) || (hasWord(folded, ACCOUNT_WORDS) && hasWord(folded, WRONG_WORDS))) {
            return Answer.of(Kind.CREDENTIALS_REFUSED);
        }
        return Answer.of(hasWord(folded, NOT_FOUND_WORDS) ? Kind.NO_MOVEMENTS : Kind.UNRECOGNISED);
    }

    private static boolean hasWord(String folded, List<String> words) {
        return words.stream().anyMatch(w -> folded.contains(" " + w));
    }

    /** Rows do not nest; a DataSet's schema and a diffgram's "before" copies are not movements. */
    private static void collectRows(Element element, List<Element> rows) {
        String name = localName(element);
        if (name.equalsIgnoreCase("schema") || name.equalsIgnoreCase("before")) {
            return;
        }
        if ((child(element, STATUS_FIELDS) != null || child(element, DETAIL_FIELDS) != null) && child(element, DATE_FIELDS) != null) {
            rows.add(element);
            return;
        }
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                collectRows(e, rows);
            }
        }
    }

    // ---- movements ----------------------------------------------------------------------------------

    private List<TrackingEvent> rows(List<Element> rows, String polledKey) throws PayloadException {
        List<TrackingEvent> events = new ArrayList<>();
        for (Element row : rows) {
            String status = text(row, STATUS_FIELDS);
            String detail = text(row, DETAIL_FIELDS);
            if (status == null) {
                status = detail;
                detail = null;
            }
            String key = polledKey != null ? polledKey : text(row, KEY_FIELDS);
            String date = text(row, DATE_FIELDS);
            String time = text(row, TIME_FIELDS);
            String when = time != null && date != null && date.indexOf(':') < 0 ? date + " " + time : date;
            events.add(event(key, status, detail, when, text(row, PLACE_FIELDS), text(row, ALTERNATE_FIELDS)));
        }
        return events;
    }

    private List<TrackingEvent> lines(List<String> lines, String polledKey) throws PayloadException {
        List<TrackingEvent> events = new ArrayList<>();
        for (String line : lines) {
            String[] parts = line.split("\\|", -1);
            String location = parts.length > 2 ? blankToNull(parts[2].strip()) : null;
            events.add(event(polledKey, blankToNull(parts[0].strip()), null, blankToNull(parts[1].strip()), location, null));
        }
        return events;
    }

    private TrackingEvent event(String key, String status, String detail, String when, String location, String alternate)
            throws PayloadException {
        if (key == null || key.isBlank()) {
            throw new PayloadException(CARRIER + " answer does not say which shipment it is about (no polled key)");
        }
        String code = status == null ? "" : TurkishText.fold(status);
        if (code.isEmpty()) {
            throw new PayloadException(CARRIER + " movement has no status text");
        }
        String matched = detail == null ? status : status + " " + detail;
        StatusMapping mapping = statusMap.match(matched).orElseGet(() -> UnmappedCodes.record(SuratCarrier.ID, firstWords(code)));
        String description = detail == null || TurkishText.fold(detail).equals(code) ? status : status + " - " + detail;
        // the folded status text is the code: the same movement read twice gives the same code, whatever its case
        String carrierCode = code.length() <= MAX_CODE_LENGTH ? code : code.substring(0, MAX_CODE_LENGTH);
        return new TrackingEvent(SuratCarrier.ID, key.strip(), mapping.status(), mapping.reason(), occurredAt(when),
                location, carrierCode, description, null, alternate);
    }

    /** What the review log names: the first three words, so a name or address later in the text is not logged. */
    private static String firstWords(String folded) {
        String[] words = folded.split(" ");
        return String.join(" ", Arrays.asList(words).subList(0, Math.min(3, words.length)));
    }

    static OffsetDateTime occurredAt(String text) throws PayloadException {
        if (text == null) {
            throw new PayloadException(CARRIER + " movement time is missing");
        }
        String value = text.strip();
        for (DateTimeFormatter format : LOCAL_TIMES) {
            try {
                return CarrierTime.inZone(LocalDateTime.parse(value, format), CarrierTime.ISTANBUL);
            } catch (DateTimeException e) {
                // the next form
            }
        }
        try {
            return CarrierTime.inZone(LocalDateTime.parse(value, DateTimeFormatter.ISO_LOCAL_DATE_TIME), CarrierTime.ISTANBUL);
        } catch (DateTimeException e) {
            // a DataSet's xs:dateTime may carry its offset
        }
        try {
            return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    .atZoneSameInstant(CarrierTime.ISTANBUL).toOffsetDateTime();
        } catch (DateTimeException e) {
            throw new PayloadException(CARRIER + " movement time is malformed");
        }
    }

    private static String polledKey(Document document) throws PayloadException {
        String key = null;
        for (Node n = document.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof ProcessingInstruction pi && POLLED_KEY.equals(pi.getTarget())) {
                try {
                    key = blankToNull(URLDecoder.decode(pi.getData().strip(), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new PayloadException(CARRIER + " answer's polled key is malformed");
                }
            }
        }
        return key;
    }

    // ---- DOM helpers --------------------------------------------------------------------------------

    private static Element child(Element parent, List<String> names) {
        for (String name : names) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && localName(e).equalsIgnoreCase(name)) {
                    return e;
                }
            }
        }
        return null;
    }

    /** The first of these children with text, trimmed. */
    private static String text(Element parent, List<String> names) {
        for (String name : names) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && localName(e).equalsIgnoreCase(name)) {
                    String value = blankToNull(e.getTextContent().strip());
                    if (value != null) {
                        return value;
                    }
                }
            }
        }
        return null;
    }

    private static Element firstElement(Element parent) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                return e;
            }
        }
        return null;
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
    }

    private static String blankToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
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
