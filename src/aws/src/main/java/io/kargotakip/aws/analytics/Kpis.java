package io.kargotakip.aws.analytics;

import io.kargotakip.core.analytics.KpiReport;
import io.kargotakip.core.rules.TwoProportions;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The KPIs of a period: each KPI query of {@link KpiSql} run on the engine, the answers read into a {@link KpiReport}.
 * Weeks without records are there with zeros, so a trend has no holes.
 */
public final class Kpis {

    /**
     * @param automationStart the day proactive messages started, when the merchant says so; null: the first message sent
     * @param windowDays      the estimate's "no contact within N days"
     */
    public record Options(LocalDate automationStart, int windowDays) {
        public static final Options DEFAULT = new Options(null, 7);

        /** From {@code KARGO_AUTOMATION_START} (a date) and {@code KARGO_DEFLECTION_WINDOW_DAYS}; a bad value names its setting. */
        public static Options of(Function<String, java.util.Optional<String>> settings) {
            LocalDate start = null;
            int window = DEFAULT.windowDays();
            var s = settings.apply("KARGO_AUTOMATION_START");
            if (s.isPresent() && !s.get().isBlank()) {
                try {
                    start = LocalDate.parse(s.get().strip());
                } catch (java.time.format.DateTimeParseException e) {
                    throw new IllegalArgumentException("KARGO_AUTOMATION_START is not a date (YYYY-MM-DD): " + s.get());
                }
            }
            var w = settings.apply("KARGO_DEFLECTION_WINDOW_DAYS");
            if (w.isPresent() && !w.get().isBlank()) {
                try {
                    window = Integer.parseInt(w.get().strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("KARGO_DEFLECTION_WINDOW_DAYS is not a number of days: " + w.get());
                }
            }
            return new Options(start, window);
        }
    }

    private final SqlEngine engine;

    public Kpis(SqlEngine engine) {
        this.engine = engine;
    }

    public KpiReport compute(LocalDate from, LocalDate to, String brand, Options options) {
        KpiSql.Period probe = new KpiSql.Period(from, to, brand, null, options.windowDays());
        LocalDate start = options.automationStart() != null ? options.automationStart()
                : date(first(engine.query(KpiSql.query("automation_start", probe))).get("automation_start"));
        KpiSql.Period p = new KpiSql.Period(from, to, brand, start, options.windowDays());
        Map<String, List<Map<String, Object>>> answers = runAll(p, "wismo_weeks", "outcomes", "first_response", "nps",
                "carrier_sla", "lane_sla", "channels", "variants", "control_group", "estimated_deflection", "pages");

        Map<LocalDate, KpiReport.WismoWeek> weeks = new LinkedHashMap<>();
        Map<LocalDate, KpiReport.OutcomeWeek> outcomeWeeks = new LinkedHashMap<>();
        for (LocalDate w = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)); !w.isAfter(to); w = w.plusWeeks(1)) {
            weeks.put(w, new KpiReport.WismoWeek(w, 0, 0, 0));
            outcomeWeeks.put(w, new KpiReport.OutcomeWeek(w, 0, 0, 0));
        }
        for (Map<String, Object> r : answers.get("wismo_weeks")) {
            LocalDate w = date(r.get("week"));
            weeks.put(w, new KpiReport.WismoWeek(w, n(r, "shipments"), n(r, "tickets"), n(r, "wismo_tickets")));
        }
        for (Map<String, Object> r : answers.get("outcomes")) {
            LocalDate w = date(r.get("week"));
            outcomeWeeks.put(w, new KpiReport.OutcomeWeek(w, n(r, "shipments"), n(r, "returned"), n(r, "cancelled")));
        }

        KpiReport.FirstResponse before = new KpiReport.FirstResponse(0, 0, null, null);
        KpiReport.FirstResponse after = new KpiReport.FirstResponse(0, 0, null, null);
        for (Map<String, Object> r : answers.get("first_response")) {
            KpiReport.FirstResponse f = new KpiReport.FirstResponse(n(r, "tickets"), n(r, "answered"), d(r, "median_minutes"), d(r, "p90_minutes"));
            if ("after".equals(r.get("part"))) {
                after = f;
            } else {
                before = f;
            }
        }

        Map<String, Object> nps = first(answers.get("nps"));
        KpiReport.Nps survey = new KpiReport.Nps(n(nps, "delivered"), n(nps, "responses"), n(nps, "promoters"), n(nps, "passives"), n(nps, "detractors"));

        List<KpiReport.CarrierSla> carriers = rows(answers.get("carrier_sla"), r -> new KpiReport.CarrierSla((String) r.get("carrier"),
                n(r, "delivered"), n(r, "with_promise"), n(r, "on_time"), n(r, "late1"), n(r, "late2"), n(r, "late3_plus")));
        List<KpiReport.LaneSla> lanes = rows(answers.get("lane_sla"), r -> new KpiReport.LaneSla((String) r.get("carrier"),
                (String) r.get("origin"), (String) r.get("destination"), n(r, "delivered"), n(r, "with_promise"), n(r, "on_time")));
        List<KpiReport.ChannelFunnel> channels = rows(answers.get("channels"), r -> new KpiReport.ChannelFunnel((String) r.get("channel"),
                n(r, "sent"), n(r, "delivered"), n(r, "opened"), n(r, "clicked"), n(r, "failed")));
        List<KpiReport.VariantFunnel> variants = rows(answers.get("variants"), r -> new KpiReport.VariantFunnel((String) r.get("intent"),
                (String) r.get("variant"), n(r, "sent"), n(r, "delivered"), n(r, "opened"), n(r, "clicked")));

        return new KpiReport(brand, from, to, start, List.copyOf(weeks.values()), before, after, survey, carriers, lanes,
                List.copyOf(outcomeWeeks.values()), channels, variants, deflection(p, answers), pages(first(answers.get("pages"))));
    }

    private static KpiReport.Deflection deflection(KpiSql.Period p, Map<String, List<Map<String, Object>>> answers) {
        long controlShipments = 0, controlWismo = 0, treatedShipments = 0, treatedWismo = 0;
        for (Map<String, Object> r : answers.get("control_group")) {
            if (Boolean.TRUE.equals(bool(r.get("control")))) {
                controlShipments = n(r, "shipments");
                controlWismo = n(r, "wismo");
            } else {
                treatedShipments = n(r, "shipments");
                treatedWismo = n(r, "wismo");
            }
        }
        boolean measured = controlShipments > 0 && treatedShipments > 0;
        TwoProportions test = measured ? TwoProportions.of(controlWismo, controlShipments, treatedWismo, treatedShipments) : null;
        Map<String, Object> e = first(answers.get("estimated_deflection"));
        return new KpiReport.Deflection(measured, controlShipments, controlWismo, treatedShipments, treatedWismo, test,
                n(e, "notified"), n(e, "viewed"), n(e, "viewed_no_contact"), p.windowDays());
    }

    /** The queries' answers, all at once where the engine allows (Athena), else one after the other. */
    private Map<String, List<Map<String, Object>>> runAll(KpiSql.Period p, String... names) {
        Map<String, List<Map<String, Object>>> answers = new LinkedHashMap<>();
        if (!engine.parallel()) {
            for (String name : names) {
                answers.put(name, engine.query(KpiSql.query(name, p)));
            }
            return answers;
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(names.length);
        try {
            Map<String, java.util.concurrent.Future<List<Map<String, Object>>>> running = new LinkedHashMap<>();
            for (String name : names) {
                running.put(name, pool.submit(() -> engine.query(KpiSql.query(name, p))));
            }
            for (Map.Entry<String, java.util.concurrent.Future<List<Map<String, Object>>>> r : running.entrySet()) {
                answers.put(r.getKey(), r.getValue().get());
            }
            return answers;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted computing the KPIs", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }


    private static <T> List<T> rows(List<Map<String, Object>> answer, Function<Map<String, Object>, T> row) {
        List<T> out = new ArrayList<>();
        for (Map<String, Object> r : answer) {
            out.add(row.apply(r));
        }
        return out;
    }

    private static KpiReport.Pages pages(Map<String, Object> r) {
        return new KpiReport.Pages(n(r, "views"), n(r, "shipments_viewed"), n(r, "support_clicks"), n(r, "upsell_clicks"));
    }

    private static Map<String, Object> first(List<Map<String, Object>> rows) {
        return rows.isEmpty() ? Map.of() : rows.get(0);
    }

    private static long n(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? 0 : v instanceof Number num ? num.longValue() : Long.parseLong(v.toString());
    }

    private static Double d(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : v instanceof Number num ? num.doubleValue() : Double.valueOf(v.toString());
    }

    private static Boolean bool(Object v) {
        return v == null ? null : v instanceof Boolean b ? b : Boolean.valueOf(v.toString());
    }

    private static LocalDate date(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDate d) {
            return d;
        }
        String s = v.toString();
        return LocalDate.parse(s.length() > 10 ? s.substring(0, 10) : s);
    }
}
