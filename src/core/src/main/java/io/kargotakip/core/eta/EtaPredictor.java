package io.kargotakip.core.eta;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Predicts a shipment's delivery from the model in memory, and predicts again on each of its events: out for delivery
 * means today; whole working days at a hub without a scan push every date back by as many working days. No I/O: a
 * prediction is a few map and array look-ups (microseconds).
 */
public final class EtaPredictor {

    /** What happened to the parcel since the last prediction. */
    public sealed interface Event permits OutForDelivery, NoScanSince, Moving {
    }

    /** The carrier's courier has it for delivery: it is due today. */
    public record OutForDelivery() implements Event {
    }

    /** Its last scan was at a hub on that day and none since: every whole working day since is a day stuck. */
    public record NoScanSince(LocalDate lastScan) implements Event {
    }

    /** A scan on its way (in transit, at a hub): the prediction holds, but never before today. */
    public record Moving() implements Event {
    }

    private final EtaModel model;

    public EtaPredictor(EtaModel model) {
        this.model = model;
    }

    public EtaModel model() {
        return model;
    }

    /** The prediction at handover; {@code shippedAt} is Istanbul local time. */
    public Prediction predict(String carrier, String service, String origin, String destination, LocalDateTime shippedAt) {
        WorkingDays days = model.data().calendar(carrier);
        LocalDate start = EtaModel.startDay(days, shippedAt, model.settings().cutOff());
        EtaModel.Found found = model.find(carrier, service, origin, destination);
        EtaModel.Transit t = found.transit();
        LocalDate promise = days.plus(start, t.promise());
        return new Prediction(carrier, start, days.plus(start, t.mostLikely()), promise, days.plus(start, t.earliest()),
                explanation(found, days, start, promise, 0, "shipped"));
    }

    public Prediction predict(String carrier, String service, String origin, String destination, Instant shippedAt) {
        return predict(carrier, service, origin, destination, LocalDateTime.ofInstant(shippedAt, model.data().calendar(carrier).calendar().zone()));
    }

    /**
     * The prediction again after an event, from the prediction made at handover ({@code first}), on {@code today}: out
     * for delivery is today; stuck at a hub shifts every date by the whole working days since the last scan; and no
     * date is before today's working day (a parcel not delivered yet is not delivered yesterday).
     */
    public Prediction repredict(Prediction first, Event event, LocalDate today) {
        WorkingDays days = model.data().calendar(first.carrier());
        Prediction.Explanation was = first.why();
        EtaModel.Found found = new EtaModel.Found(was.level(), was.key(), null);
        if (event instanceof OutForDelivery) {
            return new Prediction(first.carrier(), first.start(), today, today, today,
                    new Prediction.Explanation(was.level(), was.key(), was.samples(), 0, 0, 0, "out_for_delivery"));
        }
        if (event instanceof NoScanSince n) {
            int stuck = Math.max(0, days.between(n.lastScan(), today) - (days.isWorkingDay(today) ? 1 : 0));
            return shifted(first, days, found, stuck, today, stuck > 0 ? "stuck_at_hub" : "in_transit");
        }
        return shifted(first, days, found, 0, today, "in_transit");
    }

    private Prediction shifted(Prediction first, WorkingDays days, EtaModel.Found found, int by, LocalDate today, String reason) {
        LocalDate floor = days.onOrAfter(today);
        LocalDate mostLikely = atLeast(days.plus(first.mostLikely(), by), floor);
        LocalDate promise = atLeast(days.plus(first.promise(), by), floor);
        LocalDate earliest = atLeast(days.plus(first.earliest(), by), floor);
        return new Prediction(first.carrier(), first.start(), mostLikely, promise, earliest,
                explanation(found, days, first.start(), promise, by, reason, first.why().samples()));
    }

    private static LocalDate atLeast(LocalDate d, LocalDate floor) {
        return d.isBefore(floor) ? floor : d;
    }

    private static Prediction.Explanation explanation(EtaModel.Found found, WorkingDays days, LocalDate start, LocalDate promise,
                                                      int shift, String reason) {
        return explanation(found, days, start, promise, shift, reason, found.transit().samples());
    }

    private static Prediction.Explanation explanation(EtaModel.Found found, WorkingDays days, LocalDate start, LocalDate promise,
                                                      int shift, String reason, int samples) {
        int calendarDays = (int) ChronoUnit.DAYS.between(start, promise);
        int off = Math.max(0, calendarDays - days.between(start, promise));
        return new Prediction.Explanation(found.level(), found.key(), samples, off, days.holidaysBetween(start, promise), shift, reason);
    }
}
