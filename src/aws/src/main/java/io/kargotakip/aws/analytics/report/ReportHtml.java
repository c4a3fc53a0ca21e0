package io.kargotakip.aws.analytics.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.analytics.Roi;
import io.kargotakip.core.analytics.KpiReport;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.kargotakip.aws.analytics.report.SvgCanvas.escape;
import static io.kargotakip.aws.analytics.report.TurkishNumbers.day;

/**
 * The KPI report as one self-contained HTML page (inline CSS and SVG: it opens from an e-mail attachment, an S3 object or
 * a file with no network), its plain-text summary (the weekly e-mail's text part) and one JSON line of its headline
 * numbers. Turkish, as the merchant's team reads it.
 */
public final class ReportHtml {

    /** How many lanes the lanes' table shows, the busiest first. */
    public static final int TOP_LANES = 20;
    static final String NONE = "—";

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;margin:0;background:#f3f4f6;color:#111827}
            main{max-width:980px;margin:0 auto;padding:24px}
            header{border-bottom:3px solid #2563eb;margin-bottom:16px}
            h1{font-size:1.6rem;margin:0 0 4px}
            h2{font-size:1.15rem;margin:0 0 8px}
            .period{color:#4b5563;margin:0 0 12px}
            .cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(210px,1fr));gap:12px;margin:16px 0 24px;padding:0}
            .card{background:#fff;border-radius:8px;padding:12px 14px;box-shadow:0 1px 2px rgba(0,0,0,.08);margin:0}
            .card dt{font-size:.8rem;color:#4b5563}
            .card dd{font-size:1.35rem;font-weight:700;margin:4px 0 0}
            .card dd small{display:block;font-size:.78rem;font-weight:400;color:#4b5563}
            section{background:#fff;border-radius:8px;padding:16px;margin:0 0 20px;box-shadow:0 1px 2px rgba(0,0,0,.08)}
            svg{max-width:100%;height:auto;display:block}
            .note{color:#4b5563;font-size:.85rem}
            table{border-collapse:collapse;width:100%;font-size:.85rem;margin-top:10px}
            th,td{border-bottom:1px solid #e5e7eb;padding:4px 6px;text-align:right}
            th:first-child,td:first-child{text-align:left}
            th{background:#f9fafb;font-weight:600}
            td.text{text-align:left}
            .measured{color:#166534;font-weight:600}
            .assumed{color:#92400e;font-weight:600}
            footer{color:#6b7280;font-size:.8rem}
            """;

    private ReportHtml() {
    }

    public static String render(KpiReport r, Roi.Result roi) {
        Headline h = Headline.of(r, roi);
        Map<String, Chart> charts = ReportCharts.of(r).stream().collect(Collectors.toMap(Chart::name, c -> c));
        StringBuilder o = new StringBuilder(64 * 1024);
        String title = r.brand() + " — Kargo Takip raporu, " + period(r);
        o.append("<!DOCTYPE html>\n<html lang=\"tr\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        o.append("<header>\n<h1>").append(escape(r.brand())).append(" — Kargo Takip raporu</h1>\n<p class=\"period\">Dönem: ")
                .append(escape(period(r))).append(r.automationStart() == null ? " · Proaktif bildirim başlamadı"
                        : " · Proaktif bildirim başlangıcı: " + day(r.automationStart())).append("</p>\n</header>\n");

        o.append("<dl class=\"cards\">\n");
        card(o, "Kargom nerede? (1.000 gönderide)", count(h.wismoPerThousand()),
                h.wismoShare() == null ? "talep yok" : "tüm taleplerdeki payı " + TurkishNumbers.percent(h.wismoShare()));
        card(o, "Otomasyondan bu yana WISMO değişimi", h.wismoChange() == null ? NONE : signedPercent(h.wismoChange()),
                count(h.wismoPerThousandBefore()) + " → " + count(h.wismoPerThousandAfter()) + " / 1.000 gönderi");
        card(o, "İlk yanıt (medyan)", minutes(h.firstResponseMedianBefore()) + " → " + minutes(h.firstResponseMedianAfter()),
                "p90: " + minutes(h.firstResponseP90Before()) + " → " + minutes(h.firstResponseP90After()));
        card(o, "Teslimat günü NPS", h.nps() == null ? NONE : TurkishNumbers.score(h.nps()),
                h.npsResponseRate() == null ? "yanıt oranı —" : "yanıt oranı " + TurkishNumbers.percent(h.npsResponseRate()));
        card(o, "Zamanında teslim", h.onTimeRate() == null ? NONE : TurkishNumbers.percent(h.onTimeRate()), "sözü olan teslimatlardan");
        card(o, "Önlenen çağrılar", whole(h.prevented()), preventedDetail(r, h));
        card(o, "Aylık etki (ROI)", roi == null ? NONE : TurkishNumbers.lira(roi.totalPerMonth()),
                roi == null ? "hesaplanmadı" : roi.wismoMeasured() ? "WISMO kısmı ölçüldü" : "WISMO kısmı varsayım");
        o.append("</dl>\n");

        if (roi != null) {
            roiSection(o, roi);
        }
        for (String name : ReportCharts.NAMES) {
            Chart c = charts.get(name);
            o.append("<section id=\"").append(name).append("\">\n<h2>").append(escape(c.title())).append("</h2>\n")
                    .append(ChartPainter.inlineSvg(c));
            if (c.note() != null && !ChartPainter.noteFits(c)) {
                o.append("<p class=\"note\">").append(escape(c.note())).append("</p>\n"); // the chart had to cut it
            }
            table(o, name, r);
            o.append("</section>\n");
        }
        o.append("<footer>Kargo Takip · ").append(escape(r.brand())).append(" · ").append(escape(period(r)))
                .append(". Oranlar dönemin kayıtlarından hesaplanır; veri olmayan yerde — yazılır.</footer>\n</main>\n</body>\n</html>\n");
        return o.toString();
    }

    /** The text part of the weekly e-mail: the headline figures and the ROI, one per line. */
    public static String summaryText(KpiReport r, Roi.Result roi) {
        Headline h = Headline.of(r, roi);
        StringBuilder o = new StringBuilder();
        o.append(r.brand()).append(" — Kargo Takip raporu, ").append(period(r)).append('\n');
        o.append(r.automationStart() == null ? "Proaktif bildirim başlamadı.\n"
                : "Proaktif bildirim başlangıcı: " + day(r.automationStart()) + "\n");
        o.append('\n');
        o.append("Kargom nerede? (WISMO): ").append(count(h.wismoPerThousand())).append(" / 1.000 gönderi")
                .append(h.wismoShare() == null ? "" : ", tüm taleplerdeki payı " + TurkishNumbers.percent(h.wismoShare())).append('\n');
        o.append("Otomasyondan bu yana: ").append(h.wismoChange() == null ? NONE : signedPercent(h.wismoChange()))
                .append(" (").append(count(h.wismoPerThousandBefore())).append(" → ").append(count(h.wismoPerThousandAfter()))
                .append(" / 1.000 gönderi)\n");
        o.append("İlk yanıt (medyan): ").append(minutes(h.firstResponseMedianBefore())).append(" → ")
                .append(minutes(h.firstResponseMedianAfter())).append("; p90: ").append(minutes(h.firstResponseP90Before()))
                .append(" → ").append(minutes(h.firstResponseP90After())).append('\n');
        o.append("Teslimat günü NPS: ").append(h.nps() == null ? NONE : TurkishNumbers.score(h.nps()))
                .append(h.npsResponseRate() == null ? "" : " (yanıt oranı " + TurkishNumbers.percent(h.npsResponseRate()) + ")").append('\n');
        o.append("Zamanında teslim: ").append(h.onTimeRate() == null ? NONE : TurkishNumbers.percent(h.onTimeRate())).append('\n');
        o.append("Önlenen çağrılar: ").append(whole(h.prevented())).append(" — ").append(preventedDetail(r, h)).append('\n');
        if (roi != null) {
            o.append('\n').append("Aylık etki (ROI): ").append(TurkishNumbers.lira(roi.totalPerMonth())).append('\n');
            o.append("  WISMO tasarrufu: ").append(TurkishNumbers.lira(roi.wismoSavingPerMonth())).append("/ay (")
                    .append(TurkishNumbers.lira(roi.wismoSavingPerWeek())).append("/hafta)\n");
            o.append("  İade/iptal düşüşü: ").append(TurkishNumbers.lira(roi.returnCancelSavingPerMonth())).append("/ay\n");
            o.append("  Ek satış: ").append(TurkishNumbers.lira(roi.upsellPerMonth())).append("/ay\n");
            for (Roi.Input i : roi.inputs()) {
                o.append("  - ").append(i.label()).append(": ").append(inputValue(i)).append(" (").append(i.source()).append(")\n");
            }
        }
        return o.toString();
    }

    /** The headline numbers as one JSON line (snake_case; null where the period has no figure). */
    public static String oneLine(KpiReport r, Roi.Result roi) {
        Headline h = Headline.of(r, roi);
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("brand", r.brand());
        n.put("from", r.from().toString());
        n.put("to", r.to().toString());
        n.put("automation_start", r.automationStart() == null ? null : r.automationStart().toString());
        put(n, "wismo_per_1000", h.wismoPerThousand(), 2);
        put(n, "wismo_share", h.wismoShare(), 4);
        put(n, "wismo_change", h.wismoChange(), 4);
        put(n, "first_response_median_min_before", h.firstResponseMedianBefore(), 1);
        put(n, "first_response_median_min_after", h.firstResponseMedianAfter(), 1);
        put(n, "first_response_p90_min_before", h.firstResponseP90Before(), 1);
        put(n, "first_response_p90_min_after", h.firstResponseP90After(), 1);
        put(n, "nps", h.nps(), 1);
        put(n, "nps_response_rate", h.npsResponseRate(), 4);
        put(n, "on_time_rate", h.onTimeRate(), 4);
        put(n, "calls_prevented", h.prevented(), 0);
        n.put("calls_prevented_measured", h.preventedMeasured());
        put(n, "calls_prevented_low", h.preventedLow(), 0);
        put(n, "calls_prevented_high", h.preventedHigh(), 0);
        put(n, "roi_try_per_month", h.roiPerMonth(), 0);
        if (roi != null) {
            n.put("roi_wismo_measured", roi.wismoMeasured());
        }
        return Json.write(n);
    }

    private static void roiSection(StringBuilder o, Roi.Result roi) {
        o.append("<section id=\"roi\">\n<h2>ROI: aylık etki ").append(escape(TurkishNumbers.lira(roi.totalPerMonth()))).append("</h2>\n")
                .append("<table>\n<thead><tr><th>Kalem</th><th>Hesap</th><th>TL/ay</th></tr></thead>\n<tbody>\n");
        row(o, "WISMO azaltımı", "(" + TurkishNumbers.number(roi.wismoPerWeekBefore(), 0) + " − "
                + TurkishNumbers.number(roi.wismoPerWeekAfter(), 0) + ") talep/hafta × "
                + TurkishNumbers.lira(roi.input("cost_per_case").value()) + " = " + TurkishNumbers.lira(roi.wismoSavingPerWeek())
                + "/hafta", TurkishNumbers.lira(roi.wismoSavingPerMonth()));
        row(o, "İade/iptal düşüşü", TurkishNumbers.points(roi.input("return_cancel_reduction").value()) + " × "
                + TurkishNumbers.number(roi.input("orders_per_month").value(), 0) + " sipariş × "
                + TurkishNumbers.lira(roi.input("gross_margin").value()), TurkishNumbers.lira(roi.returnCancelSavingPerMonth()));
        row(o, "Ek satış (takip sayfası)", TurkishNumbers.number(roi.input("upsell_clicks").value(), 0) + " tıklama × "
                + TurkishNumbers.percent(roi.input("upsell_conversion").value()) + " × "
                + TurkishNumbers.lira(roi.input("upsell_margin").value()), TurkishNumbers.lira(roi.upsellPerMonth()));
        o.append("<tr><th>Toplam</th><th></th><th>").append(escape(TurkishNumbers.lira(roi.totalPerMonth()))).append("</th></tr>\n");
        o.append("</tbody>\n</table>\n<table>\n<thead><tr><th>Girdi</th><th>Değer</th><th>Kaynak</th><th></th></tr></thead>\n<tbody>\n");
        for (Roi.Input i : roi.inputs()) {
            o.append("<tr><td>").append(escape(i.label())).append("</td><td>").append(escape(inputValue(i))).append("</td><td class=\"text\">")
                    .append(escape(i.source())).append("</td><td class=\"").append(i.measured() ? "measured\">ölçüldü" : "assumed\">varsayım")
                    .append("</td></tr>\n");
        }
        o.append("</tbody>\n</table>\n<p class=\"note\">Hafta → ay: 52/12. Varsayımlar ayarlarla değişir (KARGO_ROI_*).</p>\n</section>\n");
    }

    private static void table(StringBuilder o, String chart, KpiReport r) {
        switch (chart) {
            case "wismo-trend" -> rows(o, List.of("Hafta", "Gönderi", "Talep", "WISMO", "1.000 gönderide", "Payı"), r.wismoWeeks(),
                    w -> List.of(day(w.week()), n(w.shipments()), n(w.tickets()), n(w.wismoTickets()), count(w.perThousandShipments()),
                            percent(w.shareOfTickets())));
            case "first-response" -> rows(o, List.of("", "Talep", "Yanıtlanan", "Medyan", "p90"),
                    List.of(responseRow("Otomasyondan önce", r.firstResponseBefore()), responseRow("Otomasyondan sonra", r.firstResponseAfter())),
                    Function.identity());
            case "nps" -> {
                KpiReport.Nps p = r.nps();
                if (p != null) {
                    rows(o, List.of("Teslimat", "Yanıt", "Destekçi", "Pasif", "Eleştirmen", "NPS"), List.of(p), x -> List.of(
                            n(x.delivered()), n(x.responses()), n(x.promoters()), n(x.passives()), n(x.detractors()),
                            x.score() == null ? NONE : TurkishNumbers.score(x.score())));
                }
            }
            case "carrier-sla" -> {
                rows(o, List.of("Kargo", "Teslim", "Sözlü", "Zamanında", "Oran", "1 gün geç", "2 gün geç", "3+ gün geç"), r.carriers(),
                        c -> List.of(c.carrier(), n(c.delivered()), n(c.withPromise()), n(c.onTime()), percent(c.onTimeRate()),
                                n(c.late1()), n(c.late2()), n(c.late3Plus())));
                List<KpiReport.LaneSla> lanes = r.lanes().stream()
                        .sorted(Comparator.comparingLong(KpiReport.LaneSla::delivered).reversed()
                                .thenComparing(l -> l.carrier() + "|" + l.origin() + "|" + l.destination()))
                        .limit(TOP_LANES).toList();
                o.append("<h3>Hatlar (en yoğun ").append(TOP_LANES).append(")</h3>\n");
                rows(o, List.of("Kargo", "Çıkış", "Varış", "Teslim", "Sözlü", "Zamanında", "Oran"), lanes, l -> List.of(l.carrier(),
                        l.origin() == null ? NONE : l.origin(), l.destination() == null ? NONE : l.destination(), n(l.delivered()),
                        n(l.withPromise()), n(l.onTime()), percent(l.onTimeRate())));
            }
            case "late-days" -> rows(o, List.of("Kargo", "Zamanında", "1 gün geç", "2 gün geç", "3+ gün geç"), r.carriers(), c -> List.of(
                    c.carrier(), percent(share(c.onTime(), c.withPromise())), percent(share(c.late1(), c.withPromise())),
                    percent(share(c.late2(), c.withPromise())), percent(share(c.late3Plus(), c.withPromise()))));
            case "channel-funnel" -> rows(o, List.of("Kanal", "Gönderildi", "İletildi", "Açıldı", "Tıklandı", "Başarısız"), r.channels(),
                    c -> List.of(ChannelNames.of(c.channel()), n(c.sent()), n(c.delivered()), n(c.opened()), n(c.clicked()), n(c.failed())));
            case "variants" -> rows(o, List.of("Mesaj", "Varyant", "Gönderildi", "İletildi", "Açıldı", "Tıklandı"), r.variants(),
                    v -> List.of(v.intent(), v.variant(), n(v.sent()), n(v.delivered()), n(v.opened()), n(v.clicked())));
            case "deflection" -> {
                KpiReport.Deflection d = r.deflection();
                if (d != null && d.measured()) {
                    rows(o, List.of("Grup", "Gönderi", "WISMO talebi", "Oran"), List.of(
                            List.of("Kontrol (bildirim yok)", n(d.controlShipments()), n(d.controlWismo()), percent(d.controlRate())),
                            List.of("Bildirim alanlar", n(d.treatedShipments()), n(d.treatedWismo()), percent(d.treatedRate()))),
                            Function.identity());
                } else if (d != null) {
                    rows(o, List.of("Adım", "Gönderi"), List.of(List.of("Bildirim gönderildi", n(d.notified())),
                            List.of("Takip sayfası görüldü", n(d.viewed())),
                            List.of(d.windowDays() + " gün içinde talep yok", n(d.viewedNoContact()))), Function.identity());
                }
            }
            case "outcomes" -> rows(o, List.of("Hafta", "Gönderi", "İade", "İptal", "İade oranı", "İptal oranı"), r.outcomes(),
                    w -> List.of(day(w.week()), n(w.shipments()), n(w.returned()), n(w.cancelled()), percent(w.returnRate()),
                            percent(w.cancelRate())));
            default -> throw new IllegalArgumentException("no table for chart " + chart);
        }
    }

    private static <T> void rows(StringBuilder o, List<String> head, List<T> rows, Function<T, List<String>> cells) {
        if (rows.isEmpty()) {
            return; // the chart above already says "Bu dönemde veri yok"
        }
        o.append("<table>\n<thead><tr>");
        head.forEach(c -> o.append("<th>").append(escape(c)).append("</th>"));
        o.append("</tr></thead>\n<tbody>\n");
        for (T row : rows) {
            o.append("<tr>");
            cells.apply(row).forEach(c -> o.append("<td>").append(escape(c)).append("</td>"));
            o.append("</tr>\n");
        }
        o.append("</tbody>\n</table>\n");
    }

    private static List<String> responseRow(String label, KpiReport.FirstResponse f) {
        return f == null ? List.of(label, NONE, NONE, NONE, NONE)
                : List.of(label, n(f.tickets()), n(f.answered()), minutes(f.medianMinutes()), minutes(f.p90Minutes()));
    }

    private static void row(StringBuilder o, String what, String how, String amount) {
        o.append("<tr><td>").append(escape(what)).append("</td><td>").append(escape(how)).append("</td><td>").append(escape(amount))
                .append("</td></tr>\n");
    }

    private static void card(StringBuilder o, String label, String value, String detail) {
        o.append("<div class=\"card\"><dt>").append(escape(label)).append("</dt><dd>").append(escape(value))
                .append("<small>").append(escape(detail)).append("</small></dd></div>\n");
    }

    private static String preventedDetail(KpiReport r, Headline h) {
        if (h.preventedMeasured()) {
            return ReportCharts.MEASURED_NOTE + ", %95 GA " + whole(h.preventedLow()) + " … " + whole(h.preventedHigh());
        }
        KpiReport.Deflection d = r.deflection();
        return ReportCharts.ESTIMATED_NOTE + (d == null ? "" : ": bildirim → takip sayfası → " + d.windowDays() + " gün talep yok");
    }

    private static String inputValue(Roi.Input i) {
        return switch (i.unit()) {
            case "TL" -> TurkishNumbers.lira(i.value());
            case "pay" -> TurkishNumbers.percent(i.value());
            case "puan" -> TurkishNumbers.points(i.value());
            default -> TurkishNumbers.number(i.value(), 0) + " " + i.unit();
        };
    }

    static String period(KpiReport r) {
        return day(r.from()) + "–" + day(r.to());
    }

    private static String signedPercent(double change) {
        return (change > 0 ? "+" : "") + TurkishNumbers.percent(change);
    }

    private static String count(Double v) {
        return v == null ? NONE : TurkishNumbers.count(v);
    }

    private static Double share(long part, long whole) {
        return whole == 0 ? null : (double) part / whole;
    }

    private static String whole(Double v) {
        return v == null ? NONE : TurkishNumbers.number(v, 0);
    }

    private static String percent(Double v) {
        return v == null ? NONE : TurkishNumbers.percent(v);
    }

    private static String minutes(Double v) {
        return v == null ? NONE : TurkishNumbers.minutes(v);
    }

    private static String n(long v) {
        return TurkishNumbers.number(v, 0);
    }

    private static void put(ObjectNode n, String key, Double v, int decimals) {
        if (v == null) {
            n.putNull(key);
        } else {
            BigDecimal rounded = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP).stripTrailingZeros();
            if (rounded.scale() <= 0) {
                n.put(key, rounded.longValue()); // 15000, not 1.5E+4
            } else {
                n.put(key, rounded.doubleValue());
            }
        }
    }
}
