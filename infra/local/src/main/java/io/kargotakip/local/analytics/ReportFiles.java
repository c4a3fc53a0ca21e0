package io.kargotakip.local.analytics;

import io.kargotakip.aws.analytics.Roi;
import io.kargotakip.aws.analytics.report.Chart;
import io.kargotakip.aws.analytics.report.ChartPainter;
import io.kargotakip.aws.analytics.report.ReportCharts;
import io.kargotakip.aws.analytics.report.ReportHtml;
import io.kargotakip.core.analytics.KpiReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local report on disk: {@code report.html} (self-contained, charts inline) and every chart on its own as
 * {@code charts/<name>.svg} and {@code charts/<name>.png}, for a slide or a chat message.
 */
public final class ReportFiles {

    /** What was written: the page, and each chart's SVG and PNG by chart name (the report's order). */
    public record Written(Path html, Map<String, Path> svg, Map<String, Path> png) {
        public Written {
            svg = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(svg));
            png = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(png));
        }

        /** Every file: the page first, then each chart's SVG and PNG. */
        public List<Path> all() {
            List<Path> all = new ArrayList<>();
            all.add(html);
            for (String name : svg.keySet()) {
                all.add(svg.get(name));
                all.add(png.get(name));
            }
            return all;
        }
    }

    private ReportFiles() {
    }

    /** Writes (over) the report's files under {@code outDir}, creating it. */
    public static Written write(Path outDir, KpiReport report, Roi.Result roi) {
        try {
            Path charts = Files.createDirectories(outDir.resolve("charts"));
            Map<String, Path> svg = new LinkedHashMap<>();
            Map<String, Path> png = new LinkedHashMap<>();
            for (Chart chart : ReportCharts.of(report)) {
                Path s = charts.resolve(chart.name() + ".svg");
                Files.writeString(s, ChartPainter.svg(chart), StandardCharsets.UTF_8);
                svg.put(chart.name(), s);
                PngCanvas canvas = new PngCanvas(chart.width(), chart.height());
                ChartPainter.paint(chart, canvas);
                Path p = charts.resolve(chart.name() + ".png");
                Files.write(p, canvas.png());
                png.put(chart.name(), p);
            }
            Path html = outDir.resolve("report.html");
            Files.writeString(html, ReportHtml.render(report, roi), StandardCharsets.UTF_8);
            return new Written(html, svg, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report under " + outDir + ": " + e.getMessage(), e);
        }
    }
}
