package io.kargotakip.aws.analytics.report;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.analytics.Roi;
import io.kargotakip.core.analytics.KpiReport;
import org.junit.jupiter.api.Test;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's page, its text and its JSON line: every chart, the headline figures, nothing fetched from outside. */
class ReportHtmlTest {

    private static String html(KpiReport r) {
        return ReportHtml.render(r, Roi.compute(r, Roi.Inputs.defaults()));
    }

    private static int count(String text, String part) {
        return text.split(Pattern.quote(part), -1).length - 1;
    }

    @Test
    void every_chart_is_on_the_page_inline_with_its_table() {
        String html = html(SampleReports.measured());
        for (String name : ReportCharts.NAMES) {
            assertThat(html).contains("<section id=\"" + name + "\">");
        }
        assertThat(count(html, "<svg ")).isEqualTo(ReportCharts.NAMES.size());
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<html lang=\"tr\">", "<meta charset=\"utf-8\">",
                "ModaX — Kargo Takip raporu", "05.10.2026–01.11.2026", "Proaktif bildirim başlangıcı: 19.10.2026");
        assertThat(html).contains("<td>yurtici</td>", "<td>E-posta</td>", "<td>shipped</td><td>b</td>", "<td>12.10.2026</td>");
        assertThat(html).doesNotContain("NaN", "Infinity");
    }

    @Test
    void the_page_is_self_contained() {
        for (KpiReport r : new KpiReport[] {SampleReports.measured(), SampleReports.estimated(), SampleReports.empty()}) {
            String html = html(r);
            assertThat(html).doesNotContain("http://", "https://", "src=", "<link", "@import", "url(", "<script");
        }
    }

    @Test
    void the_headline_figures_are_shown() {
        KpiReport r = SampleReports.measured();
        Roi.Result roi = Roi.compute(r, Roi.Inputs.defaults());
        String html = ReportHtml.render(r, roi);
        // 3,920 WISMO of 20,000 shipments, of 7,500 tickets; 280 → 112 per 1,000 across automation
        assertThat(html).contains("<dd>196<small>tüm taleplerdeki payı %52,3</small>");
        assertThat(html).contains("<dd>-%60<small>280 → 112 / 1.000 gönderi</small>");
        assertThat(html).contains("<dd>7,0 sa → 60 dk<small>p90: 20,0 sa → 3,0 sa</small>");
        assertThat(html).contains("<dd>45<small>yanıt oranı %25</small>");
        assertThat(html).contains("<dt>Zamanında teslim</dt><dd>%90<small>");
        assertThat(html).contains("<dd>1.710<small>ölçüldü (kontrol grubu), %95 GA ");
        assertThat(html).contains("<dd>" + TurkishNumbers.lira(roi.totalPerMonth()) + "<small>WISMO kısmı ölçüldü");
    }

    @Test
    void measured_and_estimated_calls_prevented_say_which_they_are() {
        String measured = html(SampleReports.measured());
        assertThat(measured).contains(ReportCharts.MEASURED_NOTE).doesNotContain(ReportCharts.ESTIMATED_NOTE);
        String estimated = html(SampleReports.estimated());
        assertThat(estimated).contains(ReportCharts.ESTIMATED_NOTE, "<dd>10.500<small>tahmin (kontrol grubu yok)")
                .doesNotContain(ReportCharts.MEASURED_NOTE);
        // the ROI's inputs: measured ones and assumptions, each marked
        assertThat(estimated).contains("class=\"measured\">ölçüldü", "class=\"assumed\">varsayım");
    }

    @Test
    void the_lanes_table_shows_the_twenty_busiest() {
        String html = html(SampleReports.measured()); // lanes Şehir1 … Şehir22, Şehir22 the busiest
        assertThat(html).contains("<td>Şehir22</td>", "<td>Şehir3</td>").doesNotContain("<td>Şehir2</td>", "<td>Şehir1</td>");
        Matcher lanes = Pattern.compile("<td>Şehir\\d+</td>").matcher(html);
        int n = 0;
        while (lanes.find()) {
            n++;
        }
        assertThat(n).isEqualTo(ReportHtml.TOP_LANES);
        assertThat(html.indexOf("<td>Şehir22</td>")).isLessThan(html.indexOf("<td>Şehir21</td>"));
    }

    @Test
    void an_empty_period_still_renders_every_chart_in_its_empty_state() {
        String html = html(SampleReports.empty());
        assertThat(count(html, ChartPainter.EMPTY_TEXT)).isEqualTo(ReportCharts.NAMES.size());
        assertThat(html).contains("Proaktif bildirim başlamadı", "<dd>—<small>talep yok</small>").doesNotContain("NaN");
    }

    @Test
    void the_brand_is_escaped() {
        KpiReport r = SampleReports.measured();
        KpiReport odd = new KpiReport("<b>Moda&X</b>", r.from(), r.to(), r.automationStart(), r.wismoWeeks(), r.firstResponseBefore(),
                r.firstResponseAfter(), r.nps(), r.carriers(), r.lanes(), r.outcomes(), r.channels(), r.variants(), r.deflection());
        assertThat(html(odd)).contains("&lt;b&gt;Moda&amp;X&lt;/b&gt;").doesNotContain("<b>Moda");
    }

    @Test
    void the_text_summary_and_the_json_line_carry_the_same_figures() {
        KpiReport r = SampleReports.measured();
        Roi.Result roi = Roi.compute(r, Roi.Inputs.defaults());
        String text = ReportHtml.summaryText(r, roi);
        assertThat(text).doesNotContain("<").contains("ModaX — Kargo Takip raporu, 05.10.2026–01.11.2026",
                "Kargom nerede? (WISMO): 196 / 1.000 gönderi, tüm taleplerdeki payı %52,3", "Otomasyondan bu yana: -%60",
                "İlk yanıt (medyan): 7,0 sa → 60 dk; p90: 20,0 sa → 3,0 sa", "Teslimat günü NPS: 45 (yanıt oranı %25)",
                "Önlenen çağrılar: 1.710 — ölçüldü (kontrol grubu)", "Aylık etki (ROI): " + TurkishNumbers.lira(roi.totalPerMonth()),
                "Talep başına maliyet: 25 TL (varsayım");

        String line = ReportHtml.oneLine(r, roi);
        assertThat(line).doesNotContain("\n");
        JsonNode n = Json.read(line, JsonNode.class);
        assertThat(n.get("brand").asText()).isEqualTo("ModaX");
        assertThat(n.get("wismo_per_1000").asDouble()).isEqualTo(196);
        assertThat(n.get("wismo_share").asDouble()).isEqualTo(0.5227);
        assertThat(n.get("wismo_change").asDouble()).isEqualTo(-0.6);
        assertThat(n.get("first_response_median_min_after").asDouble()).isEqualTo(60);
        assertThat(n.get("nps").asDouble()).isEqualTo(45);
        assertThat(n.get("on_time_rate").asDouble()).isEqualTo(0.9);
        assertThat(n.get("calls_prevented").asLong()).isEqualTo(1710);
        assertThat(n.get("calls_prevented_measured").asBoolean()).isTrue();
        assertThat(n.get("calls_prevented_low").asDouble()).isLessThan(1710);
        assertThat(n.get("calls_prevented_high").asDouble()).isGreaterThan(1710);
        assertThat(n.get("roi_try_per_month").asLong()).isEqualTo(Math.round(roi.totalPerMonth()));

        JsonNode empty = Json.read(ReportHtml.oneLine(SampleReports.empty(), null), JsonNode.class);
        assertThat(empty.get("wismo_per_1000").isNull()).isTrue();
        assertThat(empty.get("roi_try_per_month").isNull()).isTrue();
    }
}
