package io.kargotakip.aws.analytics.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

/** What the painter writes: bars to scale on one baseline, escaped text, round ticks, never NaN. */
class ChartPainterTest {

    private static final Pattern RECT = Pattern.compile(
            "<rect x=\"([-0-9.]+)\" y=\"([-0-9.]+)\" width=\"([-0-9.]+)\" height=\"([-0-9.]+)\" fill=\"(#[0-9a-f]{6})\"/>");

    private static Chart bars(Chart.Kind kind, Chart.Format format, List<Chart.Series> series, String... categories) {
        return new Chart("test-chart", "Deneme", kind, List.of(categories), series, format, null, null);
    }

    /** The rects of one colour: {x, y, width, height}. */
    private static List<double[]> rects(String svg, String fill) {
        List<double[]> out = new ArrayList<>();
        Matcher m = RECT.matcher(svg);
        while (m.find()) {
            if (m.group(5).equals(fill)) {
                out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))});
            }
        }
        return out;
    }

    @Test
    void a_bars_height_is_proportional_to_its_value_on_one_baseline() {
        String svg = ChartPainter.svg(bars(Chart.Kind.BAR, Chart.Format.COUNT,
                List.of(new Chart.Series("s", List.of(10.0, 30.0, 25.0))), "a", "b", "c"));
        List<double[]> bars = rects(svg, ChartPainter.colour(0));
        assertThat(bars).hasSize(3);
        assertThat(bars.get(1)[3] / bars.get(0)[3]).isCloseTo(3.0, offset(0.01));
        assertThat(bars.get(2)[3] / bars.get(0)[3]).isCloseTo(2.5, offset(0.01));
        for (double[] b : bars) {
            assertThat(b[1] + b[3]).as("bottom of the bar").isCloseTo(bars.get(0)[1] + bars.get(0)[3], offset(0.02));
        }
        assertThat(bars.get(0)[0]).isLessThan(bars.get(1)[0]);
        assertThat(svg).contains(">30</text>", ">25</text>"); // value labels, Turkish-formatted
    }

    @Test
    void stacked_parts_sit_on_each_other_and_sum_to_the_stack() {
        String svg = ChartPainter.svg(bars(Chart.Kind.STACKED_BAR, Chart.Format.PERCENT, List.of(
                new Chart.Series("a", List.of(0.6, 0.2)), new Chart.Series("b", List.of(0.2, 0.2))), "x", "y"));
        List<double[]> a = rects(svg, ChartPainter.colour(0)).stream().filter(r -> r[2] > 10).toList();
        List<double[]> b = rects(svg, ChartPainter.colour(1)).stream().filter(r -> r[2] > 10).toList(); // not the legend's swatch
        assertThat(a.get(0)[3] / b.get(0)[3]).isCloseTo(3.0, offset(0.01));
        assertThat(b.get(0)[1] + b.get(0)[3]).as("b starts where a ends").isCloseTo(a.get(0)[1], offset(0.02));
        assertThat(a.get(0)[3] + b.get(0)[3]).isCloseTo(2 * (a.get(1)[3] + b.get(1)[3]), offset(0.05));
    }

    @Test
    void text_is_escaped() {
        Chart c = new Chart("test-chart", "<script>alert('x')</script> & \"q\"", Chart.Kind.BAR, List.of("A&B <c>"),
                List.of(new Chart.Series("s", List.of(1.0))), Chart.Format.COUNT, null, "not \u0007<b>");
        String svg = ChartPainter.svg(c);
        assertThat(svg).doesNotContain("<script>", "<b>", "A&B", "\u0007")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;", "A&amp;B &lt;c&gt;", "not &lt;b&gt;");
    }

    @Test
    void nothing_to_draw_says_so_and_no_shape_ever_gets_nan() {
        List<Chart> charts = List.of(
                bars(Chart.Kind.BAR, Chart.Format.PERCENT, List.of(new Chart.Series("s", Arrays.asList(null, null))), "a", "b"),
                bars(Chart.Kind.BAR, Chart.Format.COUNT, List.of(), "a"),
                bars(Chart.Kind.LINE, Chart.Format.COUNT, List.of(new Chart.Series("s", List.of()))),
                bars(Chart.Kind.BAR, Chart.Format.PERCENT, List.of(new Chart.Series("s", List.of(0.0, 0.0))), "a", "b"),
                bars(Chart.Kind.GROUPED_BAR, Chart.Format.MINUTES, List.of(new Chart.Series("s", List.of(5.0)),
                        new Chart.Series("t", List.of(-3.0))), "a"),
                bars(Chart.Kind.LINE, Chart.Format.SCORE, List.of(new Chart.Series("s", Arrays.asList(40.0, null, 45.0, 1e-9))), "a", "b", "c", "d"),
                bars(Chart.Kind.STACKED_BAR, Chart.Format.COUNT, List.of(new Chart.Series("s", List.of(1e12))), "a"));
        for (Chart c : charts) {
            String svg = ChartPainter.svg(c);
            assertThat(svg).doesNotContain("NaN", "Infinity");
            assertThat(svg.contains(ChartPainter.EMPTY_TEXT)).as(c.series().toString()).isEqualTo(c.empty());
        }
        assertThat(charts.subList(0, 3)).allMatch(Chart::empty);
        assertThat(charts.subList(3, charts.size())).noneMatch(Chart::empty);
    }

    @Test
    void a_line_breaks_at_a_missing_value() {
        String svg = ChartPainter.svg(bars(Chart.Kind.LINE, Chart.Format.COUNT,
                List.of(new Chart.Series("s", Arrays.asList(1.0, 2.0, null, 3.0, 4.0))), "a", "b", "c", "d", "e"));
        assertThat(svg.split("<polyline", -1)).hasSize(3);
        assertThat(svg.split("<circle", -1)).hasSize(5);
    }

    @Test
    void the_marker_and_error_bars_are_drawn() {
        Chart c = new Chart("test-chart", "t", Chart.Kind.BAR, List.of("a", "b"),
                List.of(new Chart.Series("s", List.of(0.15, 0.06), List.of(new Chart.Interval(0.13, 0.17), new Chart.Interval(0.05, 0.07)))),
                Chart.Format.PERCENT, new Chart.Marker(1, "Otomasyon başladı"), null);
        String svg = ChartPainter.svg(c);
        assertThat(svg).contains("Otomasyon başladı", "stroke-dasharray");
        assertThat(svg.split("stroke=\"#111827\"", -1)).hasSize(7); // two error bars of three strokes
    }

    @Test
    void ticks_are_round_and_cover_the_values() {
        assertThat(ChartPainter.ticks(0, 0.583)).containsExactly(0, 0.2, 0.4, 0.6);
        assertThat(ChartPainter.ticks(0, 278)).containsExactly(0, 100, 200, 300);
        assertThat(ChartPainter.ticks(-3, 5)).containsExactly(-4, -2, 0, 2, 4, 6);
        assertThat(ChartPainter.ticks(0, 1)).containsExactly(0, 0.5, 1.0);
        assertThat(ChartPainter.ticks(0, 0.1)).containsExactly(0, 0.05, 0.1);
    }

    @Test
    void long_minutes_are_on_an_axis_of_round_hours() {
        String svg = ChartPainter.svg(bars(Chart.Kind.GROUPED_BAR, Chart.Format.MINUTES, List.of(
                new Chart.Series("önce", List.of(420.0, 1200.0)), new Chart.Series("sonra", List.of(60.0, 180.0))), "Medyan", "p90"));
        assertThat(svg).contains(">0 sa</text>", ">5 sa</text>", ">20 sa</text>", ">7,0 sa</text>", ">60 dk</text>");
        String short_ = ChartPainter.svg(bars(Chart.Kind.BAR, Chart.Format.MINUTES, List.of(new Chart.Series("s", List.of(45.0))), "a"));
        assertThat(short_).contains(">40 dk</text>", ">45 dk</text>").doesNotContain(" sa<");
    }

    @Test
    void a_note_too_long_for_the_chart_is_cut_and_said_so() {
        Chart shortNote = new Chart("test-chart", "t", Chart.Kind.BAR, List.of("a"), List.of(new Chart.Series("s", List.of(1.0))),
                Chart.Format.COUNT, null, "ölçüldü (kontrol grubu)");
        Chart longNote = new Chart("test-chart", "t", Chart.Kind.BAR, List.of("a"), List.of(new Chart.Series("s", List.of(1.0))),
                Chart.Format.COUNT, null, "uzun ".repeat(60));
        assertThat(ChartPainter.noteFits(shortNote)).isTrue();
        assertThat(ChartPainter.svg(shortNote)).contains(">ölçüldü (kontrol grubu)</text>");
        assertThat(ChartPainter.noteFits(longNote)).isFalse();
        assertThat(ChartPainter.svg(longNote)).contains("…</text>").doesNotContain("uzun ".repeat(60).trim());
    }

    @Test
    void a_chart_refuses_a_non_finite_value_and_a_bad_name() {
        assertThatThrownBy(() -> new Chart.Series("s", List.of(Double.NaN))).hasMessageContaining("finite");
        assertThatThrownBy(() -> bars(Chart.Kind.BAR, Chart.Format.COUNT, List.of(new Chart.Series("s", List.of(1.0, 2.0))), "a"))
                .hasMessageContaining("2 values for 1 categories");
        assertThatThrownBy(() -> new Chart("Bad Name", "t", Chart.Kind.BAR, List.of(), List.of(), Chart.Format.COUNT, null, null))
                .hasMessageContaining("lower-case");
    }

    @Test
    void the_inline_svg_has_no_namespace_url_and_the_file_has_one() {
        Chart c = bars(Chart.Kind.BAR, Chart.Format.COUNT, List.of(new Chart.Series("s", List.of(1.0))), "a");
        assertThat(ChartPainter.inlineSvg(c)).startsWith("<svg ").doesNotContain("http");
        assertThat(ChartPainter.svg(c)).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"720\" height=\"340\"");
    }
}
