package io.kargotakip.aws.analytics.report;

import io.kargotakip.aws.analytics.BeforeAfter;
import io.kargotakip.aws.analytics.Roi;
import io.kargotakip.core.analytics.KpiReport;

/**
 * The report's headline figures, derived once for the page, the e-mail's text and the JSON line; null where the period
 * has no data for one.
 *
 * @param wismoPerThousand       WISMO tickets per 1,000 shipments over the whole period
 * @param wismoShare             WISMO tickets' share of all tickets over the period
 * @param wismoChange            the relative change of WISMO per 1,000 from the weeks before automation to those after
 *                               (−0.6 = −60%)
 * @param prevented              calls prevented: measured (control group) or the brief's estimate
 * @param preventedLow           the measured figure's 95% interval; null when estimated
 * @param onTimeRate             all carriers' deliveries on time, of those with a promise
 * @param roiPerMonth            the ROI's total, TL a month; null without a calculation
 */
public record Headline(Double wismoPerThousand, Double wismoShare, Double wismoPerThousandBefore, Double wismoPerThousandAfter,
                       Double wismoChange, Double firstResponseMedianBefore, Double firstResponseMedianAfter,
                       Double firstResponseP90Before, Double firstResponseP90After, Double nps, Double npsResponseRate,
                       Double onTimeRate, Double prevented, Double preventedLow, Double preventedHigh, boolean preventedMeasured,
                       Double roiPerMonth) {

    public static Headline of(KpiReport r, Roi.Result roi) {
        long shipments = 0;
        long tickets = 0;
        long wismo = 0;
        long[] before = new long[2];
        long[] after = new long[2];
        for (KpiReport.WismoWeek w : r.wismoWeeks()) {
            shipments += w.shipments();
            tickets += w.tickets();
            wismo += w.wismoTickets();
            long[] side = BeforeAfter.after(w.week(), r.automationStart()) ? after
                    : r.automationStart() != null && BeforeAfter.before(w.week(), r.automationStart()) ? before : null;
            if (side != null) {
                side[0] += w.wismoTickets();
                side[1] += w.shipments();
            }
        }
        Double perThousandBefore = before[1] == 0 ? null : 1000.0 * before[0] / before[1];
        Double perThousandAfter = after[1] == 0 ? null : 1000.0 * after[0] / after[1];
        Double change = perThousandBefore == null || perThousandAfter == null || perThousandBefore == 0 ? null
                : (perThousandAfter - perThousandBefore) / perThousandBefore;

        long withPromise = 0;
        long onTime = 0;
        for (KpiReport.CarrierSla c : r.carriers()) {
            withPromise += c.withPromise();
            onTime += c.onTime();
        }

        KpiReport.Deflection d = r.deflection();
        Double prevented = null;
        Double low = null;
        Double high = null;
        boolean measured = false;
        if (d != null && d.measured() && d.test() != null) {
            measured = true;
            prevented = d.preventedContacts();
            // the test's difference is treated − control: its negative, times the treated, is contacts prevented
            low = -d.test().high() * d.treatedShipments();
            high = -d.test().low() * d.treatedShipments();
        } else if (d != null && d.notified() > 0) {
            prevented = (double) d.viewedNoContact();
        }

        KpiReport.FirstResponse fb = r.firstResponseBefore();
        KpiReport.FirstResponse fa = r.firstResponseAfter();
        KpiReport.Nps nps = r.nps();
        return new Headline(shipments == 0 ? null : 1000.0 * wismo / shipments, tickets == 0 ? null : (double) wismo / tickets,
                perThousandBefore, perThousandAfter, change,
                fb == null ? null : fb.medianMinutes(), fa == null ? null : fa.medianMinutes(),
                fb == null ? null : fb.p90Minutes(), fa == null ? null : fa.p90Minutes(),
                nps == null ? null : nps.score(), nps == null ? null : nps.responseRate(),
                withPromise == 0 ? null : (double) onTime / withPromise, prevented, low, high, measured,
                roi == null ? null : roi.totalPerMonth());
    }
}
