package io.kargotakip.core.eta;

import java.time.LocalDate;

/**
 * When a parcel should arrive: the most likely day, the promise (the day by which the configured share of such parcels
 * arrive) and the window from its earliest day to the promise; and why.
 *
 * @param carrier    the carrier, whose working days the dates are in
 * @param start      the first working day of the journey (after the cut-off or on a day off: the next working day)
 * @param mostLikely the most likely delivery day
 * @param promise    the day promised at the model's confidence (also the window's last day)
 * @param earliest   the window's first day
 * @param why        the level, key and sample count used, and the days off the dates stepped over
 */
public record Prediction(String carrier, LocalDate start, LocalDate mostLikely, LocalDate promise, LocalDate earliest,
                         Explanation why) {

    /** The window's last day: the promise. */
    public LocalDate latest() {
        return promise;
    }

    /**
     * @param level           which level of the model gave the transit ({@code PRIOR} below every level's minimum)
     * @param key             that level's key ({@code yurtici|std|34|06}, {@code yurtici|Marmara>İç Anadolu}, …)
     * @param samples         the shipments behind it (0 for the prior)
     * @param daysOffSkipped  days between the start and the promise that are not worked (Sundays, Saturdays for a
     *                        carrier without Saturday delivery, holidays)
     * @param holidaysSkipped of those, whole-day public holidays on a day otherwise worked (a Bayram's shift)
     * @param shiftedBy       working days added by re-prediction (a parcel stuck at a hub); 0 at first
     * @param reason          what the dates rest on: {@code shipped}, {@code out_for_delivery}, {@code stuck_at_hub}, {@code in_transit}
     */
    public record Explanation(EtaModel.Level level, String key, int samples, int daysOffSkipped, int holidaysSkipped,
                              int shiftedBy, String reason) {
    }
}
