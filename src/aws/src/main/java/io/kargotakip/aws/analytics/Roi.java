package io.kargotakip.aws.analytics;

import io.kargotakip.core.analytics.KpiReport;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * The return on the product, by the brief's formula (section 11), on the report's measured figures where it has them and
 * on stated assumptions where it has not — each input says which:
 * <ul>
 * <li>WISMO saving per week = (WISMO contacts per week before − after) × cost per case. Measured with a control group:
 * the control arm's contact rate against the notified arm's, on the weekly shipments since automation; else the weekly
 * WISMO rate per shipment before automation against after, also on the weekly shipments since (so growth in volume is
 * not counted as a saving); else the brief's 1,000 contacts a week and −60%.</li>
 * <li>Return/cancel saving per month = fall of the return+cancel rate × orders per month × gross margin per order.</li>
 * <li>Upsell per month = the tracking page's upsell clicks per month × conversion × margin per order.</li>
 * </ul>
 * A month is 52/12 weeks. The defaults reproduce the brief's example: 1,000 × 60% × 25 TL = 15,000 TL a week;
 * 2 points × 25,000 orders × 50 TL = 25,000 TL a month; 2,000 clicks × 5% × 100 TL = 10,000 TL a month.
 */
public final class Roi {

    public static final String COST_PER_CASE = "KARGO_ROI_COST_PER_CASE_TRY";
    public static final String GROSS_MARGIN = "KARGO_ROI_GROSS_MARGIN_TRY";
    public static final String UPSELL_CLICKS = "KARGO_ROI_UPSELL_CLICKS_PER_MONTH";
    public static final String UPSELL_CONVERSION = "KARGO_ROI_UPSELL_CONVERSION";
    public static final String UPSELL_MARGIN = "KARGO_ROI_UPSELL_MARGIN_TRY";
    public static final double WEEKS_PER_MONTH = 52.0 / 12;

    private Roi() {
    }

    /**
     * What the formula needs that the report may not measure. Defaults: the brief's example (section 11) and its
     * reference customer (25,000 orders a month); the return+cancel fall of 2 points is the case study's −12% relative
     * on a return+cancel rate of about 17%, and 50 TL gross margin per order makes the example's 25,000 TL a month.
     *
     * @param configured the settings that were set (their inputs are the merchant's, not the brief's)
     */
    public record Inputs(double costPerCase, double grossMarginPerOrder, double upsellClicksPerMonth, double upsellConversion,
                         double upsellMarginPerOrder, double wismoPerWeekBefore, double wismoReduction, double ordersPerMonth,
                         double returnCancelReduction, List<String> configured) {

        public static final double DEFAULT_COST_PER_CASE = 25;
        public static final double DEFAULT_GROSS_MARGIN = 50;
        public static final double DEFAULT_UPSELL_CLICKS = 2_000;
        public static final double DEFAULT_UPSELL_CONVERSION = 0.05;
        public static final double DEFAULT_UPSELL_MARGIN = 100;
        public static final double DEFAULT_WISMO_PER_WEEK = 1_000;
        public static final double DEFAULT_WISMO_REDUCTION = 0.60;
        public static final double DEFAULT_ORDERS_PER_MONTH = 25_000;
        public static final double DEFAULT_RETURN_CANCEL_REDUCTION = 0.02;

        public Inputs {
            configured = List.copyOf(configured);
        }

        public static Inputs defaults() {
            return new Inputs(DEFAULT_COST_PER_CASE, DEFAULT_GROSS_MARGIN, DEFAULT_UPSELL_CLICKS, DEFAULT_UPSELL_CONVERSION,
                    DEFAULT_UPSELL_MARGIN, DEFAULT_WISMO_PER_WEEK, DEFAULT_WISMO_REDUCTION, DEFAULT_ORDERS_PER_MONTH,
                    DEFAULT_RETURN_CANCEL_REDUCTION, List.of());
        }

        /**
         * The defaults with the merchant's {@code KARGO_ROI_*} settings over them.
         *
         * @throws IllegalArgumentException naming the setting, for a value that is not a number in its range
         */
        public static Inputs from(Function<String, String> settings) {
            List<String> set = new ArrayList<>();
            double cost = read(settings, COST_PER_CASE, DEFAULT_COST_PER_CASE, false, set);
            double margin = read(settings, GROSS_MARGIN, DEFAULT_GROSS_MARGIN, false, set);
            double clicks = read(settings, UPSELL_CLICKS, DEFAULT_UPSELL_CLICKS, false, set);
            double conversion = read(settings, UPSELL_CONVERSION, DEFAULT_UPSELL_CONVERSION, true, set);
            double upsellMargin = read(settings, UPSELL_MARGIN, DEFAULT_UPSELL_MARGIN, false, set);
            return new Inputs(cost, margin, clicks, conversion, upsellMargin, DEFAULT_WISMO_PER_WEEK, DEFAULT_WISMO_REDUCTION,
                    DEFAULT_ORDERS_PER_MONTH, DEFAULT_RETURN_CANCEL_REDUCTION, set);
        }

        private static double read(Function<String, String> settings, String key, double otherwise, boolean share, List<String> set) {
            String raw = settings.apply(key);
            if (raw == null || raw.isBlank()) {
                return otherwise;
            }
            String v = raw.trim();
            boolean percent = share && v.endsWith("%");
            double value;
            try {
                value = Double.parseDouble((percent ? v.substring(0, v.length() - 1) : v).trim());
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            if (percent) {
                value /= 100;
            }
            if (!Double.isFinite(value) || value < 0 || (share && value > 1)) {
                throw new IllegalArgumentException(key + (share ? " must be a share from 0 to 1 (0.05) or a percentage (5%)"
                        : " must be a number, 0 or more, with a decimal point (25.5)") + ", was '" + raw + "'");
            }
            set.add(key);
            return value;
        }
    }

    /**
     * One input of the calculation.
     *
     * @param unit     "TL", "pay" (a share 0–1), "puan" (a difference of shares), or a count's unit ("talep/hafta")
     * @param measured from the report; otherwise an assumption (the brief's example, or the merchant's setting)
     * @param source   where it comes from, in words
     */
    public record Input(String key, String label, double value, String unit, boolean measured, String source) {
    }

    /** The calculation: every input, each term (TL) and the total per month. */
    public record Result(List<Input> inputs, double wismoPerWeekBefore, double wismoPerWeekAfter,
                         double wismoSavingPerWeek, double wismoSavingPerMonth, double returnCancelSavingPerMonth,
                         double upsellPerMonth, double totalPerMonth) {

        public Result {
            inputs = List.copyOf(inputs);
        }

        public Input input(String key) {
            return inputs.stream().filter(i -> i.key().equals(key)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no input " + key));
        }

        /** Whether the WISMO saving stands on measured contact rates (before and after, or a control group). */
        public boolean wismoMeasured() {
            return input("wismo_per_week_before").measured() && input("wismo_reduction").measured();
        }
    }

    /**
     * The upsell clicks of a month, measured: the tracking page's in the period, scaled to 365.25/12 days — when there
     * were any (a page without the merchant's products block records none, and the ROI then states its assumption).
     */
    public static java.util.OptionalDouble measuredUpsell(KpiReport report) {
        return report.pages().upsellClicks() == 0 ? java.util.OptionalDouble.empty()
                : java.util.OptionalDouble.of(report.pages().upsellClicks() * (365.25 / 12) / report.days());
    }

    /** Upsell clicks as the assumption (or setting); {@link #measuredUpsell} gives the page's own when it has any. */
    public static Result compute(KpiReport report, Inputs inputs) {
        return compute(report, inputs, OptionalDouble.empty());
    }

    /** @param upsellClicksPerMonth the tracking page's upsell clicks per month when counted (page events), else empty */
    public static Result compute(KpiReport report, Inputs in, OptionalDouble upsellClicksPerMonth) {
        List<Input> inputs = new ArrayList<>();
        String brief = "varsayım: broşürün örneği";

        // WISMO contacts a week, without and with the messages
        Optional<Double> weeklyShipments = weeklyShipmentsSinceAutomation(report);
        double before;
        double after;
        String beforeSource;
        String afterSource;
        boolean beforeMeasured;
        boolean reductionMeasured;
        KpiReport.Deflection d = report.deflection();
        double[] rates = beforeAfterRates(report);
        if (d != null && d.measured() && d.test() != null && d.controlRate() != null && d.treatedRate() != null
                && weeklyShipments.isPresent()) {
            before = d.controlRate() * weeklyShipments.get();
            after = d.treatedRate() * weeklyShipments.get();
            beforeSource = "ölçüldü: kontrol grubunun talep oranı × haftalık gönderi";
            afterSource = "ölçüldü: bildirim alanların talep oranı × haftalık gönderi";
            beforeMeasured = reductionMeasured = true;
        } else if (rates != null && weeklyShipments.isPresent()) {
            before = rates[0] * weeklyShipments.get();
            after = rates[1] * weeklyShipments.get();
            beforeSource = "ölçüldü: otomasyondan önceki haftaların talep oranı × haftalık gönderi";
            afterSource = "ölçüldü: otomasyondan sonraki haftaların talep oranı × haftalık gönderi";
            beforeMeasured = reductionMeasured = true;
        } else {
            before = in.wismoPerWeekBefore();
            after = before * (1 - in.wismoReduction());
            beforeSource = brief;
            afterSource = brief + " (−%" + Math.round(in.wismoReduction() * 100) + ")";
            beforeMeasured = reductionMeasured = false;
        }
        double reduction = before == 0 ? 0 : (before - after) / before;
        inputs.add(new Input("wismo_per_week_before", "Haftalık WISMO talebi (otomasyonsuz)", before, "talep/hafta", beforeMeasured, beforeSource));
        inputs.add(new Input("wismo_per_week_after", "Haftalık WISMO talebi (otomasyonla)", after, "talep/hafta", reductionMeasured, afterSource));
        inputs.add(new Input("wismo_reduction", "WISMO azalması", reduction, "pay", reductionMeasured, reductionMeasured ? afterSource : brief));
        inputs.add(setting(in, COST_PER_CASE, "cost_per_case", "Talep başına maliyet", in.costPerCase(), "TL"));
        double wismoWeek = (before - after) * in.costPerCase();

        // returns and cancellations
        double[] outcome = returnCancelRates(report);
        Optional<Double> orders = weeklyShipments.map(w -> w * WEEKS_PER_MONTH);
        double fall = outcome == null ? in.returnCancelReduction() : outcome[0] - outcome[1];
        inputs.add(new Input("return_cancel_reduction", "İade+iptal oranındaki düşüş", fall, "puan", outcome != null,
                outcome == null ? brief + " (2 puan: −%12 relatif)"
                        : "ölçüldü: otomasyondan önceki ve sonraki haftalar (son haftaların iadeleri henüz gelmemiş olabilir)"));
        double monthlyOrders = orders.orElse(in.ordersPerMonth());
        inputs.add(new Input("orders_per_month", "Aylık sipariş", monthlyOrders, "sipariş/ay", orders.isPresent(),
                orders.isPresent() ? "ölçüldü: haftalık gönderi × 52/12" : brief + " (ModaX)"));
        inputs.add(setting(in, GROSS_MARGIN, "gross_margin", "Sipariş başına brüt kâr", in.grossMarginPerOrder(), "TL"));
        double returns = fall * monthlyOrders * in.grossMarginPerOrder();

        // upsell on the tracking page
        double clicks = upsellClicksPerMonth.orElse(in.upsellClicksPerMonth());
        inputs.add(upsellClicksPerMonth.isPresent()
                ? new Input("upsell_clicks", "Aylık upsell tıklaması", clicks, "tıklama/ay", true, "ölçüldü: takip sayfası")
                : setting(in, UPSELL_CLICKS, "upsell_clicks", "Aylık upsell tıklaması", clicks, "tıklama/ay"));
        inputs.add(setting(in, UPSELL_CONVERSION, "upsell_conversion", "Upsell dönüşümü", in.upsellConversion(), "pay"));
        inputs.add(setting(in, UPSELL_MARGIN, "upsell_margin", "Upsell siparişi başına kâr", in.upsellMarginPerOrder(), "TL"));
        double upsell = clicks * in.upsellConversion() * in.upsellMarginPerOrder();

        double wismoMonth = wismoWeek * WEEKS_PER_MONTH;
        return new Result(inputs, before, after, wismoWeek, wismoMonth, returns, upsell, wismoMonth + returns + upsell);
    }

    private static Input setting(Inputs in, String setting, String key, String label, double value, String unit) {
        return new Input(key, label, value, unit, false,
                in.configured().contains(setting) ? "varsayım: ayar " + setting : "varsayım: broşürün örneği (" + setting + ")");
    }

    /** Shipments a week since automation started (the whole period without it); empty without shipments. */
    static Optional<Double> weeklyShipmentsSinceAutomation(KpiReport r) {
        long shipments = 0;
        int weeks = 0;
        for (KpiReport.WismoWeek w : r.wismoWeeks()) {
            if (r.automationStart() == null || BeforeAfter.after(w.week(), r.automationStart())) {
                shipments += w.shipments();
                weeks++;
            }
        }
        return shipments == 0 ? Optional.empty() : Optional.of((double) shipments / weeks);
    }

    /** WISMO tickets per shipment in the weeks before and after automation; null unless both sides have shipments. */
    static double[] beforeAfterRates(KpiReport r) {
        long[] b = new long[2];
        long[] a = new long[2];
        for (KpiReport.WismoWeek w : r.wismoWeeks()) {
            long[] side = BeforeAfter.after(w.week(), r.automationStart()) ? a
                    : r.automationStart() != null && BeforeAfter.before(w.week(), r.automationStart()) ? b : null;
            if (side != null) {
                side[0] += w.wismoTickets();
                side[1] += w.shipments();
            }
        }
        return b[1] == 0 || a[1] == 0 ? null : new double[] {(double) b[0] / b[1], (double) a[0] / a[1]};
    }

    /**
     * Returns and cancellations per shipment, before and after automation; null unless both sides have shipments. The
     * last weeks' returns are still coming in, so "after" reads low until they have: the input's source says so.
     */
    static double[] returnCancelRates(KpiReport r) {
        long[] b = new long[2];
        long[] a = new long[2];
        for (KpiReport.OutcomeWeek w : r.outcomes()) {
            long[] side = BeforeAfter.after(w.week(), r.automationStart()) ? a
                    : r.automationStart() != null && BeforeAfter.before(w.week(), r.automationStart()) ? b : null;
            if (side != null) {
                side[0] += w.returned() + w.cancelled();
                side[1] += w.shipments();
            }
        }
        return b[1] == 0 || a[1] == 0 ? null : new double[] {(double) b[0] / b[1], (double) a[0] / a[1]};
    }
}
