package io.kargotakip.core.eta;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * Says when a parcel is late: its most likely day has passed the date promised to the customer (the merchant's, else the
 * first ETA we told). Once per delay episode: the first prediction past the promise starts one and is reported; further
 * late predictions are not; a prediction back on time ends it, and a later slip starts (and reports) another.
 * Immutable: the caller keeps the {@link Watch} with the shipment.
 */
public final class DelayDetector {

    /** A delay to tell: the promised day and the new ETA (the new prediction's most likely day and its promise). */
    public record Delay(LocalDate promised, LocalDate newEta, LocalDate newPromise) {
    }

    /** The promise a shipment is held to, and whether it is in a delay episode now. */
    public record Watch(LocalDate promised, boolean delayed) {
        public Watch {
            Objects.requireNonNull(promised, "promised");
        }
    }

    /** The watch after a prediction, and the delay to report, if this prediction starts an episode. */
    public record Outcome(Watch watch, Optional<Delay> delay) {
    }

    private DelayDetector() {
    }

    /** A watch on the merchant's promised date, or when it has none, on the first prediction's promise. */
    public static Watch watch(LocalDate merchantPromise, Prediction first) {
        return new Watch(merchantPromise != null ? merchantPromise : first.promise(), false);
    }

    public static Outcome observe(Watch watch, Prediction prediction) {
        boolean late = prediction.mostLikely().isAfter(watch.promised());
        if (late && !watch.delayed()) {
            return new Outcome(new Watch(watch.promised(), true),
                    Optional.of(new Delay(watch.promised(), prediction.mostLikely(), prediction.promise())));
        }
        return new Outcome(late == watch.delayed() ? watch : new Watch(watch.promised(), late), Optional.empty());
    }
}
