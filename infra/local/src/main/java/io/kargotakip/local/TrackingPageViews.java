package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The customer's tracking page, {@code GET /t/<page token>}, through the local HTTP API: warm, sequential views of real
 * shipments' pages (with their timelines) and of unknown tokens (the not-found page, which should take the same time),
 * timed by the function itself ({@code Server-Timing: page;dur=<ms>}) and from the client (the round trip), and the
 * page's weight: its HTML and the {@code /static/} assets it links, each fetched once. Reported, never asserted on
 * timing; a page that does not answer 200 (or a miss 404) is a failure.
 */
final class TrackingPageViews {

    static final int WARMUP = 200;
    static final int MEASURED = 1000;

    /** A phone's browser: a link preview's agent is not counted as a view and would skip the view's write. */
    static final String PHONE = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36";

    private static final Pattern SERVER_TIMING = Pattern.compile("(?:^|,)\\s*page\\s*;[^,]*?\\bdur=([0-9]+(?:\\.[0-9]+)?)");
    private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/static/[^\"?#]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * Sequential views of one kind.
     *
     * @param serverMillis    sorted, from {@code Server-Timing}
     * @param roundTripMicros sorted, from sending the request until the whole body arrived
     * @param untimed         answers without a {@code Server-Timing} header
     */
    record Views(int views, List<Double> serverMillis, List<Long> roundTripMicros, int untimed) {
    }

    /** The page's HTML and the {@code /static/} assets it links, in bytes as served (no compression). */
    record Weight(long htmlBytes, Map<String, Long> assets) {
        long total() {
            return htmlBytes + assets.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * @param hitCounts  the AWS requests and invocations of the measured views, as the bench keeps a phase
     * @param missCounts the same of the measured misses
     */
    record Result(int pages, Views hits, Views misses, Weight weight, Map<String, Object> hitCounts, Map<String, Object> missCounts,
                  Failures failures) {
    }

    /** Answers that were not what their kind must answer (a page 200, a miss 404, an asset 200): how many, and the first lines. */
    static final class Failures {
        private final List<String> lines = new ArrayList<>();
        private int count;

        void check(int status, int expected, String what) {
            if (status != expected) {
                count++;
                String line = what + " answered " + status + ", not " + expected;
                if (lines.size() < 3 && !lines.contains(line)) {
                    lines.add(line);
                }
            }
        }

        int count() {
            return count;
        }

        List<String> lines() {
            return List.copyOf(lines);
        }
    }

    /** What one GET answered. */
    private record Answer(int status, String body, Optional<String> serverTiming, long micros) {
    }

    private TrackingPageViews() {
    }

    /** {@value #WARMUP} views spread over the pages of {@code tokens} and as many misses, alternating: both paths warm. */
    static void warmUp(HttpClient http, URI api, List<String> tokens, Failures failures) {
        if (tokens.isEmpty()) {
            throw new IllegalStateException("the tracking page: no page tokens to view");
        }
        for (int i = 0; i < WARMUP; i++) {
            failures.check(get(http, api, "/t/" + tokens.get(i % tokens.size())).status(), 200, "a shipment's page");
            failures.check(get(http, api, "/t/" + unknownToken()).status(), 404, "an unknown token's page");
        }
    }

    /** {@code n} sequential views spread over the pages of {@code tokens}. */
    static Views pages(HttpClient http, URI api, List<String> tokens, int n, Failures failures) {
        return views(http, api, i -> tokens.get(i % tokens.size()), n, 200, "a shipment's page", failures);
    }

    /** {@code n} sequential views of fresh unknown tokens. */
    static Views misses(HttpClient http, URI api, int n, Failures failures) {
        return views(http, api, i -> unknownToken(), n, 404, "an unknown token's page", failures);
    }

    private static Views views(HttpClient http, URI api, java.util.function.IntFunction<String> token, int n, int expected, String what,
                               Failures failures) {
        List<Double> server = new ArrayList<>();
        List<Long> roundTrip = new ArrayList<>();
        int untimed = 0;
        for (int i = 0; i < n; i++) {
            Answer a = get(http, api, "/t/" + token.apply(i));
            failures.check(a.status(), expected, what);
            roundTrip.add(a.micros());
            Optional<Double> ms = a.serverTiming().flatMap(TrackingPageViews::serverMillis);
            if (ms.isPresent()) {
                server.add(ms.get());
            } else {
                untimed++;
            }
        }
        Collections.sort(server);
        Collections.sort(roundTrip);
        return new Views(n, server, roundTrip, untimed);
    }

    /** One page's HTML, and each {@code /static/} asset it links fetched once. */
    static Weight weight(HttpClient http, URI api, String token, Failures failures) {
        Answer page = get(http, api, "/t/" + token);
        failures.check(page.status(), 200, "a shipment's page");
        Map<String, Long> assets = new LinkedHashMap<>();
        for (String path : assets(page.body())) {
            Answer asset = get(http, api, path);
            failures.check(asset.status(), 200, path);
            assets.put(path, (long) asset.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        }
        return new Weight(page.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length, assets);
    }

    /** The {@code /static/} paths an HTML page links (stylesheets, scripts, images), each once, in order. */
    static List<String> assets(String html) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = ASSET.matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return List.copyOf(found);
    }

    /** The page's own duration in {@code Server-Timing} ({@code page;dur=4.1}), if it has one. */
    static Optional<Double> serverMillis(String header) {
        Matcher m = SERVER_TIMING.matcher(header);
        return m.find() ? Optional.of(Double.parseDouble(m.group(1))) : Optional.empty();
    }

    /** A token shaped as the issued ones (24 random bytes, base64url: 32 characters) that names nothing. */
    static String unknownToken() {
        byte[] random = new byte[24];
        RANDOM.nextBytes(random);
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static Answer get(HttpClient http, URI api, String path) {
        try {
            long start = System.nanoTime();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve(path)).header("User-Agent", PHONE)
                    .header("Accept", "text/html").GET().build(), HttpResponse.BodyHandlers.ofString());
            long micros = (System.nanoTime() - start) / 1000;
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Server-Timing"), micros);
        } catch (IOException e) {
            throw new IllegalStateException("the tracking page " + path + " could not be fetched: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static <T extends Comparable<T>> T percentile(List<T> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * p)));
    }

    /** The bench's line on the tracking page. */
    static String report(Result r) {
        Weight w = r.weight();
        return String.format(Locale.ROOT, "tracking page, warm (%d sequential views over %d shipments' pages, then %d of unknown tokens): "
                        + "server p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; not found: server p50 %.1f ms, p95 %.1f ms, "
                        + "p99 %.1f ms, max %.1f ms; round trip p50 %.1f ms, p95 %.1f ms (not found p50 %.1f ms, p95 %.1f ms)%s; "
                        + "weight %.1f KB (HTML %.1f KB + %d assets %.1f KB)",
                r.hits().views(), r.pages(), r.misses().views(), server(r.hits(), 0.5), server(r.hits(), 0.95), server(r.hits(), 0.99),
                server(r.hits(), 1), server(r.misses(), 0.5), server(r.misses(), 0.95), server(r.misses(), 0.99), server(r.misses(), 1),
                roundTrip(r.hits(), 0.5), roundTrip(r.hits(), 0.95), roundTrip(r.misses(), 0.5), roundTrip(r.misses(), 0.95),
                r.hits().untimed() + r.misses().untimed() == 0 ? "" : "; " + (r.hits().untimed() + r.misses().untimed()) + " answers without Server-Timing",
                w.total() / 1024.0, w.htmlBytes() / 1024.0, w.assets().size(), (w.total() - w.htmlBytes()) / 1024.0);
    }

    private static double server(Views v, double p) {
        return v.serverMillis().isEmpty() ? -1 : p >= 1 ? v.serverMillis().get(v.serverMillis().size() - 1) : percentile(v.serverMillis(), p);
    }

    private static double roundTrip(Views v, double p) {
        return v.roundTripMicros().isEmpty() ? -1 : percentile(v.roundTripMicros(), p) / 1000.0;
    }

    /** The figures as kept in the bench's counts file (milliseconds, bytes). */
    static Map<String, Object> summary(Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pages", r.pages());
        m.put("warmup", WARMUP);
        m.put("views", figures(r.hits()));
        m.put("notFound", figures(r.misses()));
        Map<String, Object> w = new LinkedHashMap<>();
        w.put("htmlBytes", r.weight().htmlBytes());
        w.put("assets", r.weight().assets());
        w.put("totalBytes", r.weight().total());
        m.put("weight", w);
        m.put("viewCounts", r.hitCounts());
        m.put("notFoundCounts", r.missCounts());
        m.put("unexpectedAnswers", r.failures().count());
        return m;
    }

    private static Map<String, Object> figures(Views v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("views", v.views());
        Map<String, Object> server = new LinkedHashMap<>();
        for (double p : new double[] {0.5, 0.95, 0.99, 1}) {
            server.put(p >= 1 ? "max" : "p" + Math.round(p * 100), server(v, p));
        }
        m.put("serverMillis", server);
        Map<String, Object> roundTrip = new LinkedHashMap<>();
        roundTrip.put("p50", roundTrip(v, 0.5));
        roundTrip.put("p95", roundTrip(v, 0.95));
        m.put("roundTripMillis", roundTrip);
        m.put("withoutServerTiming", v.untimed());
        return m;
    }

    /** The function's name: its own requests only (the schedules and event sources keep running meanwhile). */
    static final String FUNCTION = "tracking-page";

    /** The bench's line on what a view and a miss ask of AWS, from their phases' counts (apart from the per-order figures). */
    static String countsLine(Result r) {
        return "tracking page, AWS requests per view: " + perView(r.hitCounts()) + "; per unknown token: " + perView(r.missCounts());
    }

    private static String perView(Map<String, Object> phase) {
        JsonNode p = Json.MAPPER.valueToTree(phase);
        double units = Math.max(1, p.path("units").asLong());
        long reads = 0, writes = 0, failed = 0, sqs = 0;
        Iterable<Map.Entry<String, JsonNode>> operations = p.path("requests").path(FUNCTION)::fields;
        for (Map.Entry<String, JsonNode> op : operations) {
            String service = op.getKey().substring(0, op.getKey().indexOf('.'));
            String operation = op.getKey().substring(op.getKey().indexOf('.') + 1);
            long calls = op.getValue().path("calls").asLong();
            if (service.equals("DynamoDb") && RequestCounts.isRead(operation)) {
                reads += calls;
            } else if (service.equals("DynamoDb") && RequestCounts.isWrite(operation)) {
                writes += calls;
                failed += op.getValue().path("conditionalFailed").asLong();
            } else if (service.equals("Sqs")) {
                sqs += calls - op.getValue().path("emptyReceives").asLong();
            }
        }
        long invocations = p.path("invocations").path(FUNCTION).path("invocations").asLong();
        return String.format(Locale.ROOT, "%.2f DynamoDB reads, %.2f writes (%.2f failed conditional), %.2f SQS requests, %.2f Lambda invocations",
                reads / units, writes / units, failed / units, sqs / units, invocations / units);
    }

    /** Why the bench fails, if a page did not answer as it must: one line. */
    static Optional<String> failure(Result r) {
        return r.failures().count() == 0 ? Optional.empty() : Optional.of("the tracking page: " + r.failures().count()
                + " unexpected answers (" + String.join("; ", r.failures().lines()) + ")");
    }
}
