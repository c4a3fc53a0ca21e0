package io.kargotakip.core.channel;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a provider bills for one message, from the fee table ({@code channels/fees.csv}, or the merchant's own
 * through {@code KARGO_CHANNEL_FEES_FILE}): per message, per SMS segment, or per WhatsApp template / free text, by the
 * recipient's country calling code or {@code *}. The sender records a message's fee when it marks it sent; the cost
 * report and the demo read the same table.
 *
 * <p>Fees are {@link BigDecimal} USD, not whole micro-dollars: an SNS mobile push costs $0.0000005 (half a
 * micro-dollar), and rounding it would misstate it by half or more; DynamoDB keeps the decimal exactly.
 */
public final class ChannelFees {

    /** The built-in table, in the jar of every function that sends. */
    public static final String BUILT_IN = "/channels/fees.csv";

    /** What one row's price is for. */
    public enum Unit {
        /** every message */
        MESSAGE,
        /** each SMS segment (part) */
        SEGMENT,
        /** a WhatsApp approved template */
        TEMPLATE,
        /** WhatsApp free text (only inside the customer-service window) */
        FREE_TEXT;

        String csv() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Unit> of(String csv) {
            for (Unit u : values()) {
                if (u.csv().equals(csv)) {
                    return Optional.of(u);
                }
            }
            return Optional.empty();
        }
    }

    /** @param destination an E.164 calling code ({@code +90}) or {@code *} */
    public record Row(String channel, Unit unit, String destination, BigDecimal usd, String source, String note) {
    }

    private static final Pattern CHANNEL = Pattern.compile("[a-z][a-z0-9_-]*");
    private static final Pattern DESTINATION = Pattern.compile("\\*|\\+[1-9]\\d{0,3}");
    static final String HEADER = "channel,unit,destination,usd,source,note";

    private final List<Row> rows;
    private final String origin;
    private final String date;

    private ChannelFees(List<Row> rows, String origin, String date) {
        this.rows = List.copyOf(rows);
        this.origin = origin;
        this.date = date;
    }

    public List<Row> rows() {
        return rows;
    }

    /** Where the table came from (the built-in one, or a file). */
    public String origin() {
        return origin;
    }

    /** The table's {@code # date:} line, or {@code ?}. */
    public String date() {
        return date == null ? "?" : date;
    }

    public static ChannelFees builtIn() {
        try (InputStream in = ChannelFees.class.getResourceAsStream(BUILT_IN)) {
            if (in == null) {
                throw new IllegalStateException("the built-in fee table (channels/fees.csv) is missing from the jar");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in channels/fees.csv");
        } catch (IOException e) {
            throw new IllegalStateException("the built-in fee table cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The merchant's table when a file is named, else the built-in one.
     *
     * @throws IllegalArgumentException naming the file and what is wrong in it
     */
    public static ChannelFees load(Optional<Path> file) {
        if (file.isEmpty()) {
            return builtIn();
        }
        String text;
        try {
            text = Files.readString(file.get());
        } catch (IOException e) {
            throw new IllegalArgumentException("fee table " + file.get() + " cannot be read: " + e.getMessage(), e);
        }
        return parse(text, file.get().toString());
    }

    /**
     * Reads a table: comment lines ({@code #}), the header, then one row per line.
     *
     * @throws IllegalArgumentException naming the line that is wrong
     */
    public static ChannelFees parse(String csv, String origin) {
        List<Row> rows = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String date = null;
        boolean header = true;
        String[] lines = csv.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String t = lines[i].trim();
            String where = origin + " line " + (i + 1) + ": ";
            if (t.startsWith("# date:")) {
                date = t.substring("# date:".length()).trim();
            }
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (header) {
                if (!t.equals(HEADER)) {
                    throw new IllegalArgumentException(where + "expected the header " + HEADER);
                }
                header = false;
                continue;
            }
            String[] f = t.split(",", 6);
            if (f.length < 5) {
                throw new IllegalArgumentException(where + "expected " + HEADER);
            }
            String channel = f[0].trim();
            if (!CHANNEL.matcher(channel).matches()) {
                throw new IllegalArgumentException(where + "'" + channel + "' is not a channel id");
            }
            Unit unit = Unit.of(f[1].trim()).orElseThrow(() -> new IllegalArgumentException(
                    where + "unit is message, segment, template or free_text, not '" + f[1].trim() + "'"));
            String destination = f[2].trim();
            if (!DESTINATION.matcher(destination).matches()) {
                throw new IllegalArgumentException(where + "destination is a calling code (+90) or *, not '" + destination + "'");
            }
            BigDecimal usd;
            try {
                usd = new BigDecimal(f[3].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + "usd must be a number, not '" + f[3].trim() + "'");
            }
            if (usd.signum() < 0) {
                throw new IllegalArgumentException(where + "usd must be ≥ 0");
            }
            if (!seen.add(channel + "," + unit + "," + destination)) {
                throw new IllegalArgumentException(where + "a second row for " + channel + " " + unit.csv() + " " + destination);
            }
            rows.add(new Row(channel, unit, destination, usd, f[4].trim(), f.length > 5 ? f[5].trim() : ""));
        }
        if (header) {
            throw new IllegalArgumentException(origin + ": no header " + HEADER);
        }
        return new ChannelFees(rows, origin, date);
    }

    /** The unit a rendered form is billed by. */
    public static Unit unitOf(MessageForm form) {
        if (form instanceof MessageForm.SmsForm) {
            return Unit.SEGMENT;
        }
        if (form instanceof MessageForm.WhatsAppForm w) {
            return w.isTemplate() ? Unit.TEMPLATE : Unit.FREE_TEXT;
        }
        return Unit.MESSAGE;
    }

    /**
     * The fee of a rendered message to a recipient: the row of its channel and unit for the recipient's calling code
     * (the longest that matches), else for {@code *}; a channel priced only per message falls back to that row. SMS is
     * the row's price times the segments.
     *
     * @param recipient the address the message goes to (an E.164 number for SMS and WhatsApp; others match only {@code *})
     * @return empty when the table has no row for the channel
     */
    public Optional<BigDecimal> fee(String channelId, MessageForm form, String recipient) {
        Unit unit = unitOf(form);
        Optional<Row> row = find(channelId, unit, recipient);
        if (row.isEmpty() && unit != Unit.MESSAGE) {
            return find(channelId, Unit.MESSAGE, recipient).map(Row::usd);
        }
        return row.map(r -> r.unit() == Unit.SEGMENT ? r.usd().multiply(BigDecimal.valueOf(Math.max(1, form.parts()))) : r.usd());
    }

    /** The row that prices one unit of a channel for a recipient (or a bare calling code such as {@code +90}). */
    public Optional<Row> find(String channelId, Unit unit, String recipient) {
        String number = e164(recipient);
        Row best = null;
        for (Row r : rows) {
            if (!r.channel().equals(channelId) || r.unit() != unit) {
                continue;
            }
            if (r.destination().equals("*")) {
                if (best == null) {
                    best = r;
                }
            } else if (number != null && number.startsWith(r.destination())
                    && (best == null || best.destination().equals("*") || r.destination().length() > best.destination().length())) {
                best = r;
            }
        }
        return Optional.ofNullable(best);
    }

    /** A phone number or WhatsApp id as {@code +<digits>}; null for anything else (an e-mail address, a device token). */
    private static String e164(String recipient) {
        if (recipient == null) {
            return null;
        }
        String r = recipient.trim();
        if (!r.matches("\\+?[0-9 ()-]{4,20}")) {
            return null;
        }
        return "+" + r.replaceAll("[^0-9]", "");
    }
}
