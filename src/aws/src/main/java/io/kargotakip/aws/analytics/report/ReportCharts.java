package io.kargotakip.aws.analytics.report;

import io.kargotakip.aws.analytics.BeforeAfter;
import io.kargotakip.core.analytics.KpiReport;
import io.kargotakip.core.rules.TwoProportions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** The report's charts from its KPIs, always all of them in this order; a chart with no data is drawn in its empty state. */
public final class ReportCharts {

    /** The charts' names, in the report's order. */
    public static final List<String> NAMES = List.of("wismo-trend", "first-response", "nps", "carrier-sla", "late-days",
            "channel-funnel", "variants", "deflection", "outcomes");
    public static final String MEASURED_NOTE = "ölçüldü (kontrol grubu)";
    public static final String ESTIMATED_NOTE = "tahmin (kontrol grubu yok)";
    static final String AUTOMATION_LABEL = "Otomasyon başladı";

    private ReportCharts() {
    }

    public static List<Chart> of(KpiReport r) {
        return List.of(wismoTrend(r), firstResponse(r), nps(r), carrierSla(r), lateDays(r), channelFunnel(r), variants(r),
                deflection(r), outcomes(r));
    }

    static Chart wismoTrend(KpiReport r) {
        List<String> weeks = weeks(r.wismoWeeks(), KpiReport.WismoWeek::week);
        return new Chart("wismo-trend", "Kargom nerede? talepleri (1.000 gönderide)", Chart.Kind.LINE, weeks,
                List.of(new Chart.Series("1.000 gönderide WISMO", map(r.wismoWeeks(), KpiReport.WismoWeek::perThousandShipments))),
                Chart.Format.COUNT, marker(r.wismoWeeks(), KpiReport.WismoWeek::week, r.automationStart()),
                "Haftalık; hafta başı (Pazartesi) tarihiyle");
    }

    static Chart firstResponse(KpiReport r) {
        KpiReport.FirstResponse b = r.firstResponseBefore();
        KpiReport.FirstResponse a = r.firstResponseAfter();
        List<Chart.Series> series = new ArrayList<>();
        series.add(new Chart.Series("Otomasyondan önce", java.util.Arrays.asList(nullable(b, KpiReport.FirstResponse::medianMinutes),
                nullable(b, KpiReport.FirstResponse::p90Minutes))));
        series.add(new Chart.Series("Otomasyondan sonra", java.util.Arrays.asList(nullable(a, KpiReport.FirstResponse::medianMinutes),
                nullable(a, KpiReport.FirstResponse::p90Minutes))));
        return new Chart("first-response", "İlk yanıt süresi (önce → sonra)", Chart.Kind.GROUPED_BAR, List.of("Medyan", "p90"),
                series, Chart.Format.MINUTES, null, "Yanıtlanan talepler: önce " + TurkishNumbers.number(b == null ? 0 : b.answered(), 0)
                        + ", sonra " + TurkishNumbers.number(a == null ? 0 : a.answered(), 0));
    }

    static Chart nps(KpiReport r) {
        KpiReport.Nps n = r.nps();
        List<Double> shares = n == null || n.responses() == 0 ? java.util.Arrays.asList(null, null, null)
                : List.of((double) n.promoters() / n.responses(), (double) n.passives() / n.responses(),
                (double) n.detractors() / n.responses());
        String title = "Teslimat günü NPS" + (n == null || n.score() == null ? "" : ": " + TurkishNumbers.score(n.score()));
        String note = n == null ? null : TurkishNumbers.number(n.responses(), 0) + " yanıt" + (n.responseRate() == null ? ""
                : ", yanıt oranı " + TurkishNumbers.percent(n.responseRate()) + " (" + TurkishNumbers.number(n.delivered(), 0) + " teslimat)");
        return new Chart("nps", title, Chart.Kind.BAR, List.of("Destekçi (9–10)", "Pasif (7–8)", "Eleştirmen (0–6)"),
                List.of(new Chart.Series("Yanıtların payı", shares)), Chart.Format.PERCENT, null, note);
    }

    static Chart carrierSla(KpiReport r) {
        return new Chart("carrier-sla", "Taahhüt edilen sürede teslim (kargo firması)", Chart.Kind.BAR,
                r.carriers().stream().map(KpiReport.CarrierSla::carrier).toList(),
                List.of(new Chart.Series("Zamanında", map(r.carriers(), KpiReport.CarrierSla::onTimeRate))),
                Chart.Format.PERCENT, null, "Söz: mağazanın verdiği tarih, yoksa kargonun ilk tahmini");
    }

    static Chart lateDays(KpiReport r) {
        List<KpiReport.CarrierSla> c = r.carriers();
        return new Chart("late-days", "Teslimatların gecikmesi (kargo firması)", Chart.Kind.STACKED_BAR,
                c.stream().map(KpiReport.CarrierSla::carrier).toList(), List.of(
                new Chart.Series("Zamanında", map(c, s -> share(s.onTime(), s.withPromise()))),
                new Chart.Series("1 gün geç", map(c, s -> share(s.late1(), s.withPromise()))),
                new Chart.Series("2 gün geç", map(c, s -> share(s.late2(), s.withPromise()))),
                new Chart.Series("3+ gün geç", map(c, s -> share(s.late3Plus(), s.withPromise())))),
                Chart.Format.PERCENT, null, "Sözü olan teslimatların payı");
    }

    static Chart channelFunnel(KpiReport r) {
        List<KpiReport.ChannelFunnel> c = r.channels();
        return new Chart("channel-funnel", "Kanal bazında iletilme, açılma, tıklama", Chart.Kind.GROUPED_BAR,
                c.stream().map(f -> ChannelNames.of(f.channel())).toList(), List.of(
                new Chart.Series("İletildi", map(c, f -> share(f.delivered(), f.sent()))),
                new Chart.Series("Açıldı", map(c, f -> share(f.opened(), f.sent()))),
                new Chart.Series("Tıklandı", map(c, f -> share(f.clicked(), f.sent())))),
                Chart.Format.PERCENT, null, "Gönderilen mesajların payı");
    }

    static Chart variants(KpiReport r) {
        List<KpiReport.VariantFunnel> v = r.variants();
        return new Chart("variants", "Şablon varyantları (A/B)", Chart.Kind.GROUPED_BAR,
                v.stream().map(f -> f.intent() + " / " + f.variant()).toList(), List.of(
                new Chart.Series("Açıldı", map(v, f -> share(f.opened(), f.sent()))),
                new Chart.Series("Tıklandı", map(v, f -> share(f.clicked(), f.sent())))),
                Chart.Format.PERCENT, null, "Gönderilen mesajların payı");
    }

    /**
     * Measured: both arms' WISMO contact rates, each with its own 95% interval (the difference's interval is in the
     * note). Estimated: the brief's chain, notified → page viewed → no contact, counted.
     */
    static Chart deflection(KpiReport r) {
        KpiReport.Deflection d = r.deflection();
        if (d != null && d.measured() && d.test() != null) {
            TwoProportions t = d.test();
            Chart.Series rates = new Chart.Series("WISMO talebi oranı", java.util.Arrays.asList(d.controlRate(), d.treatedRate()),
                    java.util.Arrays.asList(wald(d.controlWismo(), d.controlShipments()), wald(d.treatedWismo(), d.treatedShipments())));
            String note = MEASURED_NOTE + ": fark " + TurkishNumbers.points(t.difference()) + ", %95 GA "
                    + TurkishNumbers.points(t.low()) + " … " + TurkishNumbers.points(t.high())
                    + (d.preventedContacts() == null ? "" : "; önlenen ≈ " + TurkishNumbers.number(d.preventedContacts(), 0) + " talep");
            return new Chart("deflection", "Önlenen çağrılar: kontrol grubu ve bildirim alanlar", Chart.Kind.BAR,
                    List.of("Kontrol (bildirim yok)", "Bildirim alanlar"), List.of(rates), Chart.Format.PERCENT, null, note);
        }
        List<Double> chain = d == null || (d.notified() == 0 && d.viewed() == 0 && d.viewedNoContact() == 0)
                ? java.util.Arrays.asList(null, null, null)
                : List.of((double) d.notified(), (double) d.viewed(), (double) d.viewedNoContact());
        int days = d == null ? 0 : d.windowDays();
        return new Chart("deflection", "Önlenen çağrılar (tahmin)", Chart.Kind.BAR,
                List.of("Bildirim gönderildi", "Takip sayfası görüldü", days + " gün içinde talep yok"),
                List.of(new Chart.Series("Gönderi", chain)), Chart.Format.COUNT, null, ESTIMATED_NOTE);
    }

    static Chart outcomes(KpiReport r) {
        List<KpiReport.OutcomeWeek> o = r.outcomes();
        return new Chart("outcomes", "İade ve iptal oranı (haftalık)", Chart.Kind.STACKED_BAR,
                weeks(o, KpiReport.OutcomeWeek::week), List.of(
                new Chart.Series("İade", map(o, KpiReport.OutcomeWeek::returnRate)),
                new Chart.Series("İptal", map(o, KpiReport.OutcomeWeek::cancelRate))),
                Chart.Format.PERCENT, marker(o, KpiReport.OutcomeWeek::week, r.automationStart()), "O hafta kaydedilen gönderilerin payı");
    }

    /** A proportion's 95% interval (normal approximation), kept within 0–1; null without trials. */
    static Chart.Interval wald(long x, long n) {
        if (n == 0) {
            return null;
        }
        double p = (double) x / n;
        double half = 1.959963984540054 * Math.sqrt(p * (1 - p) / n);
        return new Chart.Interval(Math.max(0, p - half), Math.min(1, p + half));
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static <T> List<String> weeks(List<T> rows, Function<T, LocalDate> week) {
        return rows.stream().map(w -> TurkishNumbers.shortDay(week.apply(w))).toList();
    }

    private static <T> Chart.Marker marker(List<T> rows, Function<T, LocalDate> week, LocalDate start) {
        for (int i = 0; i < rows.size(); i++) {
            if (BeforeAfter.contains(week.apply(rows.get(i)), start)) {
                return new Chart.Marker(i, AUTOMATION_LABEL);
            }
        }
        return null;
    }

    private static <T> List<Double> map(List<T> rows, Function<T, Double> value) {
        List<Double> out = new ArrayList<>(rows.size());
        for (T row : rows) {
            out.add(value.apply(row));
        }
        return out;
    }

    private static <T> Double nullable(T row, Function<T, Double> value) {
        return row == null ? null : value.apply(row);
    }
}
