package io.kargotakip.aws.analytics.report;

import io.kargotakip.core.analytics.KpiReport;
import io.kargotakip.core.rules.TwoProportions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Hand-made KPI reports with round numbers, for the report's tests. */
public final class SampleReports {

    public static final LocalDate FROM = LocalDate.of(2026, 10, 5);
    public static final LocalDate TO = LocalDate.of(2026, 11, 1);
    /** The Monday of the third week: weeks 1–2 are before, 3–4 after. */
    public static final LocalDate AUTOMATION = LocalDate.of(2026, 10, 19);

    private SampleReports() {
    }

    public static List<KpiReport.WismoWeek> wismoWeeks() {
        return List.of(new KpiReport.WismoWeek(FROM, 5000, 2400, 1400),
                new KpiReport.WismoWeek(FROM.plusWeeks(1), 5000, 2400, 1400),
                new KpiReport.WismoWeek(FROM.plusWeeks(2), 5000, 1500, 560),
                new KpiReport.WismoWeek(FROM.plusWeeks(3), 5000, 1200, 560));
    }

    public static List<KpiReport.LaneSla> lanes(int count) {
        List<KpiReport.LaneSla> lanes = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            lanes.add(new KpiReport.LaneSla("yurtici", "İstanbul", "Şehir" + i, 100L * i, 90L * i, 80L * i));
        }
        return lanes;
    }

    /** With a control group: 1,000 control shipments with 150 WISMO contacts, 19,000 notified with 1,140. */
    public static KpiReport measured() {
        return report(new KpiReport.Deflection(true, 1000, 150, 19000, 1140, TwoProportions.of(150, 1000, 1140, 19000),
                19000, 12000, 11000, 7));
    }

    /** Without a control group: the estimate. */
    public static KpiReport estimated() {
        return report(new KpiReport.Deflection(false, 0, 0, 0, 0, null, 20000, 12000, 10500, 7));
    }

    static KpiReport report(KpiReport.Deflection deflection) {
        return new KpiReport("ModaX", FROM, TO, AUTOMATION, wismoWeeks(),
                new KpiReport.FirstResponse(4800, 4700, 420.0, 1200.0), new KpiReport.FirstResponse(2700, 2690, 60.0, 180.0),
                new KpiReport.Nps(16000, 4000, 2400, 1000, 600),
                List.of(new KpiReport.CarrierSla("yurtici", 12000, 10000, 9000, 600, 300, 100),
                        new KpiReport.CarrierSla("aras", 8000, 0, 0, 0, 0, 0)),
                lanes(22),
                List.of(new KpiReport.OutcomeWeek(FROM, 5000, 600, 250), new KpiReport.OutcomeWeek(FROM.plusWeeks(1), 5000, 600, 250),
                        new KpiReport.OutcomeWeek(FROM.plusWeeks(2), 5000, 500, 250), new KpiReport.OutcomeWeek(FROM.plusWeeks(3), 5000, 500, 250)),
                List.of(new KpiReport.ChannelFunnel("email", 10000, 9800, 4000, 1000, 200),
                        new KpiReport.ChannelFunnel("sms", 2000, 1950, 0, 300, 50)),
                List.of(new KpiReport.VariantFunnel("shipped", "a", 5000, 4900, 2000, 500),
                        new KpiReport.VariantFunnel("shipped", "b", 5000, 4900, 2500, 700)),
                deflection);
    }

    /** A period with nothing in it. */
    public static KpiReport empty() {
        return new KpiReport("ModaX", FROM, TO, null, List.of(), new KpiReport.FirstResponse(0, 0, null, null),
                new KpiReport.FirstResponse(0, 0, null, null), new KpiReport.Nps(0, 0, 0, 0, 0), List.of(), List.of(), List.of(),
                List.of(), List.of(), new KpiReport.Deflection(false, 0, 0, 0, 0, null, 0, 0, 0, 7));
    }
}
