package io.kargotakip.core.rules;

import io.kargotakip.core.calendar.BusinessCalendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When a rule is looked at ({@code trigger:} in the file): on every status change (the default), or when a time comes for
 * a shipment. A time rule's occurrence is the time it tells of — the quiet spell since a scan, the delivery day, the
 * message it follows up — so it is looked at once for each, however often the schedule runs.
 */
public sealed interface Trigger {

    /** The file's names of the time triggers, for errors. */
    List<String> KINDS = List.of("status_change", "no_scan_for", "at", "after");

    /**
     * A time rule's next time for one shipment: due at {@code at}, not after {@code until} (null: no end), and what makes
     * it distinct from the rule's other occurrences (part of the occurrence key and of its messages' ids).
     */
    record Due(Instant at, Instant until, String distinct) {
        boolean open(Instant now) {
            return until == null || now.isBefore(until);
        }
    }

    /** Its due time for this context, empty when it has none (no ETA; no such message yet). */
    default Optional<Due> due(RuleContext c, BusinessCalendar calendar) {
        return Optional.empty();
    }

    default boolean timed() {
        return true;
    }

    /** The file's words for it, for explain. */
    String describe();

    /** On every status change: the rules of the brief's examples. */
    record StatusChange() implements Trigger {
        @Override
        public boolean timed() {
            return false;
        }

        @Override
        public String describe() {
            return "on each status change";
        }
    }

    /**
     * No scan for a while: {@code quiet} after the shipment's last event, counted in the carriers' business hours
     * (Monday to Saturday 09:00–18:00 Istanbul, public holidays off) when {@code businessHours}. A new scan starts a
     * new spell, so a parcel stalled twice is told of twice.
     */
    record NoScanFor(Duration quiet, boolean businessHours) implements Trigger {
        @Override
        public Optional<Due> due(RuleContext c, BusinessCalendar calendar) {
            Instant last = c.change().occurredAt();
            Instant at = businessHours ? calendar.plusBusinessHours(last, quiet) : last.plus(quiet);
            return Optional.of(new Due(at, null, "quiet=" + last.getEpochSecond()));
        }

        @Override
        public String describe() {
            // business hours in hours: "2d of business hours" would read as two days
            return "no scan for " + (businessHours ? (quiet.toMinutes() % 60 == 0 ? quiet.toHours() + "h" : quiet.toMinutes() + "m")
                    + " of business hours" : RulesLoader.format(quiet));
        }
    }

    /**
     * A local time of the shipment's delivery day (its ETA, in the customer's zone), until that day ends: a shipment
     * whose ETA arrives after the time is looked at as soon as it is known, the same day. A new ETA is a new occurrence.
     */
    record At(LocalTime time) implements Trigger {
        @Override
        public Optional<Due> due(RuleContext c, BusinessCalendar calendar) {
            ZoneId zone = c.order().zone();
            return c.eta().map(day -> new Due(day.atTime(time).atZone(zone).toInstant(), day.plusDays(1).atStartOfDay(zone).toInstant(),
                    "day=" + day));
        }

        @Override
        public String describe() {
            return "at " + time + " on the delivery day (ETA)";
        }
    }

    /**
     * A while after the shipment's latest message of {@code kind} was decided (a reminder): the rule's conditions say
     * what must still hold then (the parcel still waits for its new address).
     */
    record After(Duration delay, String kind) implements Trigger {
        @Override
        public Optional<Due> due(RuleContext c, BusinessCalendar calendar) {
            return c.sent().stream()
                    .filter(m -> kind.equals(m.kind()) && m.decidedAt() != null && !"SUPPRESSED".equals(m.state()))
                    .map(RuleContext.SentMessage::decidedAt)
                    .max(Comparator.naturalOrder())
                    .map(at -> new Due(at.plus(delay), null, "after=" + kind + "@" + at.getEpochSecond()));
        }

        @Override
        public String describe() {
            return RulesLoader.format(delay) + " after the " + kind + " message";
        }
    }

    static Trigger onChange() {
        return new StatusChange();
    }
}
