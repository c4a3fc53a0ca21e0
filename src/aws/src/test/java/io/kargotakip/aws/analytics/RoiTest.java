package io.kargotakip.aws.analytics;

import io.kargotakip.aws.analytics.report.SampleReports;
import io.kargotakip.core.analytics.KpiReport;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/** The brief's ROI formula (section 11) on measured figures, with every assumption named. */
class RoiTest {

    @Test
    void the_briefs_example_comes_out_of_the_defaults_on_a_period_that_measures_nothing() {
        Roi.Result r = Roi.compute(SampleReports.empty(), Roi.Inputs.defaults());
        // 1,000 WISMO calls a week × 60% = 600 fewer × 25 TL = 15,000 TL a week
        assertThat(r.wismoPerWeekBefore()).isEqualTo(1000);
        assertThat(r.wismoPerWeekAfter()).isCloseTo(400, offset(1e-9));
        assertThat(r.wismoSavingPerWeek()).isCloseTo(15_000, offset(1e-6));
        assertThat(r.wismoSavingPerMonth()).isCloseTo(15_000 * 52.0 / 12, offset(1e-6));
        assertThat(r.returnCancelSavingPerMonth()).isCloseTo(25_000, offset(1e-6));
        assertThat(r.upsellPerMonth()).isCloseTo(10_000, offset(1e-6));
        assertThat(r.totalPerMonth()).isCloseTo(100_000, offset(1e-6)).isBetween(50_000.0, 100_000.01); // "aylık 50–100K TL"
        assertThat(r.inputs()).noneMatch(Roi.Input::measured);
        assertThat(r.wismoMeasured()).isFalse();
        assertThat(r.input("wismo_reduction").value()).isCloseTo(0.6, offset(1e-12));
        assertThat(r.input("cost_per_case").source()).contains("varsayım");
    }

    @Test
    void without_a_control_group_the_weeks_before_and_after_automation_are_measured_on_todays_volume() {
        KpiReport report = SampleReports.estimated();
        Roi.Result r = Roi.compute(report, Roi.Inputs.defaults());
        // before: 2,800 WISMO of 10,000 shipments; after: 1,120 of 10,000; 5,000 shipments a week since automation
        assertThat(r.wismoPerWeekBefore()).isCloseTo(0.28 * 5000, offset(1e-6));
        assertThat(r.wismoPerWeekAfter()).isCloseTo(0.112 * 5000, offset(1e-6));
        assertThat(r.wismoSavingPerWeek()).isCloseTo((1400 - 560) * 25, offset(1e-6));
        assertThat(r.input("wismo_reduction").value()).isCloseTo(0.6, offset(1e-9));
        assertThat(r.wismoMeasured()).isTrue();
        assertThat(r.input("wismo_per_week_before").source()).contains("ölçüldü", "önceki haftalar");
        // returns+cancels: 1,700 of 10,000 before, 1,500 of 10,000 after; orders a month = 5,000 × 52/12
        assertThat(r.input("return_cancel_reduction").measured()).isTrue();
        assertThat(r.input("return_cancel_reduction").value()).isCloseTo(0.02, offset(1e-12));
        assertThat(r.input("orders_per_month").measured()).isTrue();
        assertThat(r.input("orders_per_month").value()).isCloseTo(5000 * 52.0 / 12, offset(1e-6));
        assertThat(r.returnCancelSavingPerMonth()).isCloseTo(0.02 * 5000 * 52.0 / 12 * 50, offset(1e-6));
        assertThat(r.input("cost_per_case").measured()).isFalse();
        assertThat(r.input("upsell_clicks").measured()).isFalse();
        assertThat(r.totalPerMonth()).isCloseTo(r.wismoSavingPerMonth() + r.returnCancelSavingPerMonth() + r.upsellPerMonth(), offset(1e-6));
    }

    @Test
    void with_a_control_group_the_arms_contact_rates_decide() {
        Roi.Result r = Roi.compute(SampleReports.measured(), Roi.Inputs.defaults());
        assertThat(r.wismoPerWeekBefore()).isCloseTo(0.15 * 5000, offset(1e-6));
        assertThat(r.wismoPerWeekAfter()).isCloseTo(0.06 * 5000, offset(1e-6));
        assertThat(r.wismoSavingPerWeek()).isCloseTo(450 * 25, offset(1e-6));
        assertThat(r.input("wismo_per_week_before").source()).contains("kontrol grubu");
        assertThat(r.wismoMeasured()).isTrue();
    }

    @Test
    void counted_upsell_clicks_are_measured() {
        Roi.Result r = Roi.compute(SampleReports.empty(), Roi.Inputs.defaults(), OptionalDouble.of(300));
        assertThat(r.input("upsell_clicks").measured()).isTrue();
        assertThat(r.upsellPerMonth()).isCloseTo(300 * 0.05 * 100, offset(1e-9));
    }

    @Test
    void settings_replace_the_assumptions_and_say_so() {
        Roi.Inputs in = Roi.Inputs.from(Map.of(Roi.COST_PER_CASE, "30", Roi.UPSELL_CONVERSION, "4%", Roi.UPSELL_MARGIN, " 80.5 ",
                Roi.GROSS_MARGIN, "")::get);
        assertThat(in.costPerCase()).isEqualTo(30);
        assertThat(in.upsellConversion()).isCloseTo(0.04, offset(1e-12));
        assertThat(in.upsellMarginPerOrder()).isEqualTo(80.5);
        assertThat(in.grossMarginPerOrder()).isEqualTo(Roi.Inputs.DEFAULT_GROSS_MARGIN);
        assertThat(in.configured()).containsExactlyInAnyOrder(Roi.COST_PER_CASE, Roi.UPSELL_CONVERSION, Roi.UPSELL_MARGIN);
        Roi.Result r = Roi.compute(SampleReports.empty(), in);
        assertThat(r.wismoSavingPerWeek()).isCloseTo(600 * 30, offset(1e-6));
        assertThat(r.input("cost_per_case").source()).contains("ayar " + Roi.COST_PER_CASE);
        assertThat(r.input("gross_margin").source()).contains("broşür");
        assertThat(r.input("cost_per_case").measured()).isFalse();
    }

    @Test
    void a_bad_setting_is_refused_by_name() {
        assertThatThrownBy(() -> Roi.Inputs.from(Map.of(Roi.COST_PER_CASE, "yirmi beş")::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(Roi.COST_PER_CASE).hasMessageContaining("'yirmi beş'");
        assertThatThrownBy(() -> Roi.Inputs.from(Map.of(Roi.UPSELL_CLICKS, "-5")::get)).hasMessageStartingWith(Roi.UPSELL_CLICKS);
        assertThatThrownBy(() -> Roi.Inputs.from(Map.of(Roi.UPSELL_CONVERSION, "1.5")::get))
                .hasMessageStartingWith(Roi.UPSELL_CONVERSION).hasMessageContaining("0 to 1");
        assertThatThrownBy(() -> Roi.Inputs.from(Map.of(Roi.GROSS_MARGIN, "NaN")::get)).hasMessageStartingWith(Roi.GROSS_MARGIN);
        assertThatThrownBy(() -> Roi.Inputs.from(Map.of(Roi.GROSS_MARGIN, "1,000")::get)).hasMessageContaining("decimal point");
        assertThat(Roi.Inputs.from(Map.<String, String>of()::get)).isEqualTo(Roi.Inputs.defaults());
    }
}
