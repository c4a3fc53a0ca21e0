package io.kargotakip.aws.analytics.report;

import io.kargotakip.core.analytics.KpiReport;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

/** The charts carry the report's own rates, and an empty period still gives every chart. */
class ReportChartsTest {

    private static Map<String, Chart> byName(KpiReport r) {
        return ReportCharts.of(r).stream().collect(Collectors.toMap(Chart::name, c -> c));
    }

    @Test
    void every_chart_in_order() {
        assertThat(ReportCharts.of(SampleReports.measured())).extracting(Chart::name).containsExactlyElementsOf(ReportCharts.NAMES)
                .containsExactly("wismo-trend", "first-response", "nps", "carrier-sla", "late-days", "channel-funnel", "variants",
                        "deflection", "outcomes");
    }

    @Test
    void the_wismo_trend_is_the_weekly_rate_per_thousand_with_the_automation_week_marked() {
        KpiReport r = SampleReports.measured();
        Chart c = byName(r).get("wismo-trend");
        assertThat(c.kind()).isEqualTo(Chart.Kind.LINE);
        assertThat(c.title()).isEqualTo("Kargom nerede? talepleri (1.000 gönderide)");
        assertThat(c.series().get(0).values()).containsExactlyElementsOf(
                r.wismoWeeks().stream().map(KpiReport.WismoWeek::perThousandShipments).toList());
        assertThat(c.series().get(0).values().get(0)).isEqualTo(280.0); // 1,400 of 5,000
        assertThat(c.categories()).containsExactly("05.10", "12.10", "19.10", "26.10");
        assertThat(c.marker()).isNotNull();
        assertThat(c.marker().category()).isEqualTo(2);
    }

    @Test
    void rates_of_the_other_charts_are_the_reports() {
        KpiReport r = SampleReports.measured();
        Map<String, Chart> charts = byName(r);

        Chart response = charts.get("first-response");
        assertThat(response.series().get(0).values()).containsExactly(420.0, 1200.0);
        assertThat(response.series().get(1).values()).containsExactly(60.0, 180.0);

        assertThat(charts.get("nps").series().get(0).values()).containsExactly(0.6, 0.25, 0.15);
        assertThat(charts.get("nps").title()).endsWith(": 45");

        Chart sla = charts.get("carrier-sla");
        assertThat(sla.categories()).containsExactly("yurtici", "aras");
        assertThat(sla.series().get(0).values()).containsExactly(r.carriers().get(0).onTimeRate(), null);

        Chart late = charts.get("late-days");
        assertThat(late.kind()).isEqualTo(Chart.Kind.STACKED_BAR);
        assertThat(late.series()).extracting(s -> s.values().get(0)).containsExactly(0.9, 0.06, 0.03, 0.01);

        Chart funnel = charts.get("channel-funnel");
        assertThat(funnel.categories()).containsExactly("E-posta", "SMS");
        assertThat(funnel.series()).extracting(s -> s.values().get(0)).containsExactly(0.98, 0.4, 0.1);
        assertThat(funnel.series().get(1).values().get(1)).isEqualTo(0.0);

        Chart variants = charts.get("variants");
        assertThat(variants.categories()).containsExactly("shipped / a", "shipped / b");
        assertThat(variants.series().get(1).values()).containsExactly(0.1, 0.14);

        Chart outcomes = charts.get("outcomes");
        assertThat(outcomes.series().get(0).values()).containsExactlyElementsOf(
                r.outcomes().stream().map(KpiReport.OutcomeWeek::returnRate).toList());
        assertThat(outcomes.series().get(1).values()).containsExactlyElementsOf(
                r.outcomes().stream().map(KpiReport.OutcomeWeek::cancelRate).toList());
        assertThat(outcomes.marker().category()).isEqualTo(2);
    }

    @Test
    void measured_deflection_shows_both_arms_with_their_intervals_and_says_measured() {
        KpiReport r = SampleReports.measured();
        Chart c = byName(r).get("deflection");
        Chart.Series s = c.series().get(0);
        assertThat(s.values()).containsExactly(r.deflection().controlRate(), r.deflection().treatedRate());
        assertThat(s.values()).containsExactly(0.15, 0.06);
        for (int i = 0; i < 2; i++) {
            assertThat(s.interval(i).low()).isLessThan(s.values().get(i));
            assertThat(s.interval(i).high()).isGreaterThan(s.values().get(i));
        }
        // the control arm is the smaller one: its interval is the wider
        assertThat(s.interval(0).high() - s.interval(0).low()).isGreaterThan(s.interval(1).high() - s.interval(1).low());
        assertThat(s.interval(0).high() - 0.15).isCloseTo(1.96 * Math.sqrt(0.15 * 0.85 / 1000), offset(1e-4));
        assertThat(c.note()).startsWith("ölçüldü (kontrol grubu)").contains("1.710 talep"); // 0.09 × 19,000
    }

    @Test
    void estimated_deflection_is_the_chain_of_counts_and_says_estimated() {
        Chart c = byName(SampleReports.estimated()).get("deflection");
        assertThat(c.series().get(0).values()).containsExactly(20000.0, 12000.0, 10500.0);
        assertThat(c.series().get(0).intervals()).isEmpty();
        assertThat(c.note()).isEqualTo("tahmin (kontrol grubu yok)");
        assertThat(c.categories().get(2)).startsWith("7 gün");
    }

    @Test
    void an_empty_period_gives_every_chart_empty_and_each_draws_its_empty_state() {
        List<Chart> charts = ReportCharts.of(SampleReports.empty());
        assertThat(charts).extracting(Chart::name).containsExactlyElementsOf(ReportCharts.NAMES);
        assertThat(charts).allSatisfy(c -> {
            assertThat(c.empty()).as(c.name()).isTrue();
            String svg = ChartPainter.svg(c);
            assertThat(svg).contains(ChartPainter.EMPTY_TEXT).doesNotContain("NaN", "Infinity");
        });
    }
}
