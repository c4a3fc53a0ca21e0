package io.kargotakip.carriers.aras;

import io.kargotakip.carriers.kit.MappingTable;
import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import io.kargotakip.carriers.kit.StatusMapping;
import io.kargotakip.carriers.kit.TextPatterns;
import io.kargotakip.carriers.kit.TurkishText;
import io.kargotakip.core.shipment.TrackingStatus;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Aras codes to canonical statuses, from the kit's {@link MappingTable} for {@code aras}
 * ({@code carriers/aras/status-map.csv}; its header comment says in which order the codes of one row decide).
 *
 * <p>Four kinds of rows: {@code DURUM KODU} (the shipment's state, 1–7), {@code TIP KODU} (3 = return; type
 * {@code delivered} for a return whose DURUM is delivered), {@code DEVIR KODU} (the non-delivery reason: code = the
 * letter code, type = its numeric ID; a row may say either) and {@code text} (Turkish wording, for push descriptions).
 * A lookup that finds no row is empty: the parser records the code as unmapped.
 */
public final class ArasStatusMap {

    static final String DURUM = "DURUM KODU";
    static final String TIP = "TIP KODU";
    static final String DEVIR = "DEVIR KODU";
    static final String DELIVERED = "delivered";

    /** TİP KODU 1 (normal) and 2 (redirected) are documented and decide nothing: DURUM KODU does. */
    static final Set<String> NEUTRAL_TIP = Set.of("1", "2");

    private final Map<String, StatusMapping> durum;
    private final Map<String, StatusMapping> tip;
    private final Map<String, StatusMapping> devir;
    private final TextPatterns text;

    private ArasStatusMap(Map<String, StatusMapping> durum, Map<String, StatusMapping> tip,
                          Map<String, StatusMapping> devir, TextPatterns text) {
        this.durum = Map.copyOf(durum);
        this.tip = Map.copyOf(tip);
        this.devir = Map.copyOf(devir);
        this.text = text;
    }

    /** The table shipped with this module, loaded once when the class is initialised. */
    public static ArasStatusMap standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final ArasStatusMap STANDARD = of(MappingTable.load(ArasCarrier.ID));
    }

    /**
     * Indexes a table; on top of the kit's checks a row must be of a known field with a usable key, and two rows
     * must not collide once codes are normalised ({@code 06} = {@code 6}, {@code ŞA} = {@code SA}).
     */
    static ArasStatusMap of(MappingTable table) {
        Map<String, StatusMapping> durum = new HashMap<>();
        Map<String, StatusMapping> tip = new HashMap<>();
        Map<String, StatusMapping> devir = new HashMap<>();
        for (MappingTable.Row row : table.rows()) {
            switch (row.field()) {
                case DURUM -> put(durum, number(row.code()), row);
                case TIP -> {
                    if (!row.type().isEmpty() && !DELIVERED.equals(row.type())) {
                        throw bad(row, "TIP KODU type must be empty or 'delivered'");
                    }
                    String code = number(row.code());
                    put(tip, code == null ? null : row.type() + "|" + code, row);
                }
                case DEVIR -> {
                    put(devir, letters(row.code()), row);
                    if (!row.type().isEmpty()) {
                        put(devir, number(row.type()), row);
                    }
                }
                case TextPatterns.FIELD -> {
                    // read below by TextPatterns
                }
                default -> throw bad(row, "unknown field " + row.field());
            }
        }
        return new ArasStatusMap(durum, tip, devir, TextPatterns.from(table));
    }

    private static void put(Map<String, StatusMapping> into, String key, MappingTable.Row row) {
        if (key == null) {
            throw bad(row, "bad code");
        }
        if (into.putIfAbsent(key, row.mapping()) != null) {
            throw bad(row, "duplicate " + row.field() + " " + key);
        }
    }

    private static MappingTableException bad(MappingTable.Row row, String why) {
        return new MappingTableException("aras mapping table row " + row.line() + ": " + why);
    }

    /** The mapping of a DURUM KODU (the same set is assumed for a push's CargoStatus). */
    public Optional<StatusMapping> durum(String code) {
        String key = number(code);
        return Optional.ofNullable(key == null ? null : durum.get(key));
    }

    /** The mapping of a TİP KODU, for a shipment whose DURUM is delivered or not; empty for 1, 2 and unknown codes. */
    public Optional<StatusMapping> tip(String code, boolean delivered) {
        String key = number(code);
        return Optional.ofNullable(key == null ? null : tip.get((delivered ? DELIVERED : "") + "|" + key));
    }

    /** A TİP KODU that is documented and says nothing by itself (1 normal, 2 redirected). */
    public static boolean neutralTip(String code) {
        String key = number(code);
        return key != null && NEUTRAL_TIP.contains(key);
    }

    /** The mapping of a devir code given as its letter code ({@code AY}, {@code ŞA} or {@code SA}) or its ID ({@code 10}). */
    public Optional<StatusMapping> devir(String code) {
        return Optional.ofNullable(devirKey(code)).map(devir::get);
    }

    /** The mapping of the longest devir wording in a push's description; empty when none matches. */
    public Optional<StatusMapping> text(String description) {
        return description == null ? Optional.empty() : text.match(description);
    }

    static boolean delivered(StatusMapping mapping) {
        return mapping.status() == TrackingStatus.DELIVERED;
    }

    /**
     * A devir value as a key: {@code "10"}, {@code "10 AY"} and {@code "AY"} name the same reason; a letter code is
     * folded (Aras's own tables write ŞA and ÜR, ASCII systems SA and UR).
     */
    static String devirKey(String code) {
        if (code == null) {
            return null;
        }
        String folded = TurkishText.fold(code).toUpperCase(Locale.ROOT);
        if (folded.isEmpty()) {
            return null;
        }
        String[] parts = folded.split(" ");
        String id = number(parts[0]);
        if (id != null) {
            return id;
        }
        return parts.length == 1 ? letters(parts[0]) : null;
    }

    /** "6", "06" and " 6 " are the same code; null when the text is not a small whole number. */
    static String number(String code) {
        if (code == null) {
            return null;
        }
        String trimmed = code.trim();
        if (!trimmed.matches("\\d{1,4}")) {
            return null;
        }
        return Integer.toString(Integer.parseInt(trimmed));
    }

    private static String letters(String code) {
        String folded = TurkishText.fold(code).toUpperCase(Locale.ROOT);
        return folded.matches("[A-Z]{2,3}") ? folded : null;
    }
}
