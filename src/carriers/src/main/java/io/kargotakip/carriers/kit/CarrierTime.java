package io.kargotakip.carriers.kit;

import io.kargotakip.core.carrier.PayloadException;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Carrier times to the instants and offsets of {@link io.kargotakip.core.shipment.TrackingEvent#occurredAt()}.
 * Carriers write wall-clock times; the instant needs the zone of the place (Turkish carriers:
 * {@link #ISTANBUL}) or a GMT time beside it (UPS). The offset kept is the local one, so messages show
 * the time the customer's carrier showed.
 */
public final class CarrierTime {

    /** Every Turkish carrier reports local time in Türkiye (UTC+3 all year since 2016). */
    public static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");

    // "+03:00", "-04.00" (UPS Track Alert), "+0530", "+3"
    private static final Pattern OFFSET = Pattern.compile("([+-])(\\d{1,2})(?:[:.]?(\\d{2}))?");
    private static final long MAX_OFFSET_SECONDS = 18 * 3600;

    private CarrierTime() {
    }

    /**
     * A wall-clock time in a zone. In a DST gap the time moves forward by the gap's length, and in
     * an overlap the earlier offset is taken: a carrier's scan exists, so it is never dropped.
     */
    public static OffsetDateTime inZone(LocalDateTime local, ZoneId zone) {
        return local.atZone(zone).toOffsetDateTime();
    }

    /**
     * Parses a carrier's local time text in the carrier's zone.
     *
     * @param what names the field in the message, e.g. "Yurtiçi event time"; the value is never echoed
     */
    public static OffsetDateTime parseInZone(String text, DateTimeFormatter format, ZoneId zone, String what)
            throws PayloadException {
        if (text == null || text.isBlank()) {
            throw new PayloadException(what + " is missing");
        }
        try {
            return inZone(LocalDateTime.parse(text.trim(), format), zone);
        } catch (DateTimeParseException e) {
            throw new PayloadException(what + " is malformed");
        }
    }

    /** A GMT time with the place's offset: the instant from GMT, shown at the local offset. */
    public static OffsetDateTime fromGmt(LocalDateTime gmt, ZoneOffset localOffset) {
        Instant instant = gmt.toInstant(ZoneOffset.UTC);
        return instant.atOffset(localOffset == null ? ZoneOffset.UTC : localOffset);
    }

    /**
     * The offset between a local and a GMT time of the same moment, rounded to the quarter hour
     * real offsets use; null if no real offset is that large.
     */
    public static ZoneOffset offsetBetween(LocalDateTime local, LocalDateTime gmt) {
        long minutes = Duration.between(gmt, local).toMinutes();
        long seconds = Math.round(minutes / 15.0) * 15 * 60;
        return Math.abs(seconds) <= MAX_OFFSET_SECONDS ? ZoneOffset.ofTotalSeconds((int) seconds) : null;
    }

    /** Reads "+03:00", "-04.00", "+0530", "+3" or "Z"; null when it is none of those or out of range. */
    public static ZoneOffset parseOffset(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        if (trimmed.equalsIgnoreCase("Z")) {
            return ZoneOffset.UTC;
        }
        Matcher m = OFFSET.matcher(trimmed);
        if (!m.matches()) {
            return null;
        }
        int sign = m.group(1).equals("-") ? -1 : 1;
        int hours = Integer.parseInt(m.group(2));
        int minutes = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        try {
            return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /**
     * The zone a carrier setting names (e.g. {@code fallback-zone}, {@code KARGO_CARRIER_UPS_FALLBACK_ZONE}), or
     * {@code byDefault} when it is unset or not a zone id (which is logged with the variable's name, not its value's
     * meaning: a typo must not stop the carrier).
     */
    public static ZoneId zoneSetting(io.kargotakip.core.carrier.CarrierSettings settings, String key, ZoneId byDefault) {
        java.util.Optional<String> configured = settings.get(key);
        if (configured.isEmpty()) {
            return byDefault;
        }
        try {
            return ZoneId.of(configured.get().trim());
        } catch (java.time.DateTimeException e) {
            System.getLogger(CarrierTime.class.getName()).log(System.Logger.Level.WARNING, "{0} is not a zone id; using {1}",
                    settings.variable(key), byDefault);
            return byDefault;
        }
    }
}
