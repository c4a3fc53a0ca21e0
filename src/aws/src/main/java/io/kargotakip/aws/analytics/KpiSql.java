package io.kargotakip.aws.analytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The KPI queries ({@code analytics/kpi/*.sql}), each made whole: the shared {@code records} CTE first, then the query,
 * its placeholders filled in. Values are put in as literals (Athena's and DuckDB's parameters differ), so every one is
 * checked first: dates are dates, the brand a slug, the window a number.
 */
public final class KpiSql {

    /** A brand id: what the records' {@code brand} holds and the SQL may be given. */
    public static final Pattern BRAND = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern PLACEHOLDER = Pattern.compile(":([a-z_]+)");
    /** How far before the period the records are read: shipments registered before it, delivered in it. */
    public static final int LOOKBACK_DAYS = 60;

    /** One period's values. */
    public record Period(LocalDate from, LocalDate to, String brand, LocalDate automationStart, int windowDays) {
        public Period {
            if (from == null || to == null || to.isBefore(from)) {
                throw new IllegalArgumentException("the period's end is before its start: " + from + " to " + to);
            }
            if (brand == null || !BRAND.matcher(brand).matches()) {
                throw new IllegalArgumentException("a brand id is lower-case letters, digits and dashes: " + brand);
            }
            if (windowDays < 1 || windowDays > 90) {
                throw new IllegalArgumentException("the deflection window is 1 to 90 days, not " + windowDays);
            }
        }
    }

    private KpiSql() {
    }

    /** The query {@code name} for the period, ready to run. */
    public static String query(String name, Period p) {
        String sql = resource("records") + "\n" + resource(name).replace(":deliveries", resource("deliveries"));
        Map<String, String> values = Map.of(
                "from", date(p.from()),
                "to", date(p.to()),
                "lookback", p.from().minusDays(LOOKBACK_DAYS).toString(),
                "brand", p.brand(),
                "automation_start", p.automationStart() == null ? "CAST(NULL AS DATE)" : date(p.automationStart()),
                "window_days", Integer.toString(p.windowDays()));
        Matcher m = PLACEHOLDER.matcher(sql);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = values.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException("analytics/kpi/" + name + ".sql: unknown placeholder :" + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String date(LocalDate d) {
        return "DATE '" + d + "'";
    }

    static String resource(String name) {
        String path = "analytics/kpi/" + name + ".sql";
        try (InputStream in = KpiSql.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(path + " is missing from the classpath");
            }
            // comments go: a placeholder named in one must not be filled in
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^\\s*--.*$", "").strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
