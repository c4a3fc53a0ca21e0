package io.kargotakip.core.notification;

import io.kargotakip.core.shipment.TrackingStatus;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The hours a customer is not disturbed (the brief: "22:00–08:00 no SMS; a critical status only as a silent
 * WhatsApp; everything else waits"), in the customer's zone. A message on a held channel inside the window waits
 * for its end; e-mail is never held (it makes no sound); a critical status (the customer must act: a failed
 * attempt, an exception) still goes on the channels that may carry it at night (WhatsApp by default), never by SMS.
 *
 * @param start             when the quiet window begins (local time)
 * @param end               when it ends; a window that wraps midnight ({@code 22:00–08:00}) is the usual one
 * @param zone              the customers' zone when an order names none
 * @param held              the channels that wait
 * @param criticalChannels  the held channels a critical status still goes out on
 * @param critical          the statuses that are critical
 */
public record QuietHours(LocalTime start, LocalTime end, ZoneId zone, Set<String> held, Set<String> criticalChannels,
                         Set<TrackingStatus> critical) {

    public static final QuietHours NONE = new QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, ZoneId.of("Europe/Istanbul"),
            Set.of(), Set.of(), Set.of());

    public QuietHours {
        held = Set.copyOf(held);
        criticalChannels = Set.copyOf(criticalChannels);
        critical = Set.copyOf(critical);
    }

    /** The brief's default: 22:00–08:00 Europe/Istanbul; SMS, WhatsApp and pushes wait; critical news by WhatsApp. */
    public static QuietHours defaults() {
        return new QuietHours(LocalTime.of(22, 0), LocalTime.of(8, 0), ZoneId.of("Europe/Istanbul"),
                Set.of("sms", "whatsapp", "push", "webpush"), Set.of("whatsapp"),
                Set.of(TrackingStatus.FAILED_ATTEMPT, TrackingStatus.EXCEPTION));
    }

    /**
     * Settings as operators write them: {@code window} {@code 22:00-08:00} (or {@code off}), {@code held} and
     * {@code criticalChannels} comma lists of channel ids, {@code critical} a comma list of status names.
     *
     * @throws IllegalArgumentException naming the setting that is wrong
     */
    public static QuietHours parse(String window, String zone, String held, String criticalChannels, String critical) {
        QuietHours d = defaults();
        if (window != null && window.trim().equalsIgnoreCase("off")) {
            return NONE;
        }
        LocalTime start = d.start();
        LocalTime end = d.end();
        if (window != null && !window.isBlank()) {
            String[] parts = window.trim().split("-");
            try {
                if (parts.length != 2) {
                    throw new IllegalArgumentException();
                }
                start = LocalTime.parse(parts[0].trim());
                end = LocalTime.parse(parts[1].trim());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("quiet hours must be HH:MM-HH:MM or off, not " + window.trim());
            }
        }
        ZoneId z;
        try {
            z = zone == null || zone.isBlank() ? d.zone() : ZoneId.of(zone.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("quiet hours zone is not a zone id: " + zone.trim());
        }
        Set<TrackingStatus> criticalStatuses = d.critical();
        if (critical != null && !critical.isBlank()) {
            criticalStatuses = new java.util.HashSet<>();
            for (String name : list(critical)) {
                criticalStatuses.add(TrackingStatus.fromWireName(name)
                        .orElseThrow(() -> new IllegalArgumentException("quiet hours critical status is not a status: " + name)));
            }
        }
        return new QuietHours(start, end, z, held == null || held.isBlank() ? d.held() : list(held),
                criticalChannels == null || criticalChannels.isBlank() ? d.criticalChannels() : list(criticalChannels), criticalStatuses);
    }

    private static Set<String> list(String csv) {
        Set<String> values = new TreeSet<>();
        for (String v : csv.split(",")) {
            if (!v.isBlank()) {
                values.add(v.trim().toLowerCase(Locale.ROOT));
            }
        }
        return values;
    }

    /**
     * When a message on this channel about this status may go out, if not now.
     *
     * @param customerZone the order's zone, or null for {@link #zone()}
     * @return empty to send now; else the end of the quiet window it falls in
     */
    public Optional<Instant> holdUntil(String channel, TrackingStatus status, Instant now, ZoneId customerZone) {
        if (!held.contains(channel) || start.equals(end)) {
            return Optional.empty();
        }
        if (status != null && critical.contains(status) && criticalChannels.contains(channel)) {
            return Optional.empty();
        }
        ZonedDateTime local = now.atZone(customerZone == null ? zone : customerZone);
        LocalTime time = local.toLocalTime();
        boolean wraps = start.isAfter(end);
        boolean quiet = wraps ? !time.isBefore(start) || time.isBefore(end) : !time.isBefore(start) && time.isBefore(end);
        if (!quiet) {
            return Optional.empty();
        }
        LocalDate day = local.toLocalDate();
        LocalDate endDay = wraps && !time.isBefore(start) ? day.plusDays(1) : day;
        return Optional.of(endDay.atTime(end).atZone(local.getZone()).toInstant());
    }
}
