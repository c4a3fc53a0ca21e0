package io.kargotakip.local.analytics;

import io.kargotakip.aws.analytics.Roi;
import io.kargotakip.aws.analytics.report.ChartPainter;
import io.kargotakip.aws.analytics.report.ReportCharts;
import io.kargotakip.core.analytics.KpiReport;
import io.kargotakip.core.rules.TwoProportions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The local report's files: the page, and each chart as SVG and as a PNG that decodes, has the chart's size and shows something. */
class ReportFilesTest {

    static final LocalDate MONDAY = LocalDate.of(2026, 10, 5);

    static KpiReport report() {
        return new KpiReport("ModaX", MONDAY, MONDAY.plusDays(27), MONDAY.plusWeeks(2),
                List.of(new KpiReport.WismoWeek(MONDAY, 5000, 2400, 1400), new KpiReport.WismoWeek(MONDAY.plusWeeks(1), 5000, 2400, 1380),
                        new KpiReport.WismoWeek(MONDAY.plusWeeks(2), 5000, 1500, 600), new KpiReport.WismoWeek(MONDAY.plusWeeks(3), 5000, 1200, 540)),
                new KpiReport.FirstResponse(4800, 4700, 420.0, 1200.0), new KpiReport.FirstResponse(2700, 2690, 60.0, 180.0),
                new KpiReport.Nps(16000, 4000, 2400, 1000, 600),
                List.of(new KpiReport.CarrierSla("yurtici", 12000, 10000, 9000, 600, 300, 100),
                        new KpiReport.CarrierSla("aras", 8000, 7000, 5600, 900, 300, 200)),
                List.of(new KpiReport.LaneSla("yurtici", "İstanbul", "Ankara", 900, 800, 720)),
                List.of(new KpiReport.OutcomeWeek(MONDAY, 5000, 600, 250), new KpiReport.OutcomeWeek(MONDAY.plusWeeks(3), 5000, 500, 240)),
                List.of(new KpiReport.ChannelFunnel("email", 10000, 9800, 4000, 1000, 200)),
                List.of(new KpiReport.VariantFunnel("shipped", "a", 5000, 4900, 2000, 500)),
                new KpiReport.Deflection(true, 1000, 150, 19000, 1140, TwoProportions.of(150, 1000, 1140, 19000), 19000, 12000, 11000, 7));
    }

    @Test
    void the_page_and_every_chart_as_svg_and_png(@TempDir Path dir) throws IOException {
        KpiReport r = report();
        ReportFiles.Written w = ReportFiles.write(dir.resolve("out"), r, Roi.compute(r, Roi.Inputs.defaults()));
        assertThat(w.html()).isEqualTo(dir.resolve("out/report.html")).isRegularFile();
        assertThat(Files.readString(w.html())).contains("<html lang=\"tr\">", "<section id=\"deflection\">");
        assertThat(w.svg().keySet()).containsExactlyElementsOf(ReportCharts.NAMES);
        assertThat(w.png().keySet()).containsExactlyElementsOf(ReportCharts.NAMES);
        assertThat(w.all()).hasSize(1 + 2 * ReportCharts.NAMES.size()).allSatisfy(p -> assertThat(p).isRegularFile());
        for (String name : ReportCharts.NAMES) {
            assertThat(w.svg().get(name)).isEqualTo(dir.resolve("out/charts/" + name + ".svg"));
            assertThat(Files.readString(w.svg().get(name))).startsWith("<svg xmlns=").doesNotContain("NaN");
            BufferedImage png = ImageIO.read(w.png().get(name).toFile());
            assertThat(png).as(name).isNotNull();
            assertThat(png.getWidth()).isEqualTo(720);
            assertThat(png.getHeight()).isEqualTo(340);
            assertThat(colours(png)).as(name + ": more than a white page").hasSizeGreaterThan(8);
            assertThat(share(png, ChartPainter.colour(0))).as(name + ": the first series is drawn").isGreaterThan(0.002);
        }
    }

    @Test
    void an_empty_period_gives_every_png_in_its_empty_state(@TempDir Path dir) throws IOException {
        KpiReport empty = new KpiReport("ModaX", MONDAY, MONDAY.plusDays(6), null, List.of(), new KpiReport.FirstResponse(0, 0, null, null),
                new KpiReport.FirstResponse(0, 0, null, null), new KpiReport.Nps(0, 0, 0, 0, 0), List.of(), List.of(), List.of(),
                List.of(), List.of(), new KpiReport.Deflection(false, 0, 0, 0, 0, null, 0, 0, 0, 7));
        ReportFiles.Written w = ReportFiles.write(dir, empty, null);
        for (Path p : w.png().values()) {
            BufferedImage png = ImageIO.read(p.toFile());
            assertThat(png.getWidth()).isEqualTo(720);
            assertThat(colours(png)).as("the title and the empty-state text").hasSizeGreaterThan(2);
            assertThat(share(png, ChartPainter.colour(0))).as("no bar").isZero();
        }
        assertThat(Files.readString(w.html())).contains(ChartPainter.EMPTY_TEXT);
    }

    private static Set<Integer> colours(BufferedImage img) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                seen.add(img.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return seen;
    }

    private static double share(BufferedImage img, String hex) {
        int rgb = Integer.parseInt(hex.substring(1), 16);
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == rgb) {
                    n++;
                }
            }
        }
        return (double) n / (img.getWidth() * img.getHeight());
    }
}
