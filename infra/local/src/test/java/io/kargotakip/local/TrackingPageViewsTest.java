package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kargotakip.aws.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The bench's tracking-page measurement: server time read from {@code Server-Timing}, the assets a page links, the
 * weight, the answers that fail the bench, and what a view asks of AWS counted for the function alone. The HTTP side
 * runs against a small local server answering as the function's routes do (a page 200, a miss 404, assets).
 */
class TrackingPageViewsTest {

    static final String HTML = "<!doctype html><link rel=\"stylesheet\" href=\"/static/theme.ab12.css\"><link rel=\"stylesheet\" "
            + "href=\"/static/page.cd34.css\"><script src=\"/static/page.ef56.js\" defer></script><img src=\"https://cdn.example/logo.png\">"
            + "<script src=\"/static/page.ef56.js\"></script><a href=\"/t/tok/adres?lang=tr\">adres</a>";

    HttpServer server;
    URI api;
    final List<String> asked = new CopyOnWriteArrayList<>();
    /** The status a known token's page answers; a test sets 500 to play a broken page. */
    volatile int pageStatus = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            asked.add(path + " " + exchange.getRequestHeaders().getFirst("User-Agent"));
            int status;
            String body;
            if (path.equals("/t/known-a") || path.equals("/t/known-b")) {
                status = pageStatus;
                body = HTML;
                exchange.getResponseHeaders().add("Server-Timing", path.endsWith("a") ? "page;dur=4.0" : "page;dur=8.0");
            } else if (path.startsWith("/static/")) {
                status = 200;
                body = "x".repeat(path.endsWith(".js") ? 2048 : 512);
            } else {
                status = 404;
                body = "<!doctype html>yok";
                exchange.getResponseHeaders().add("Server-Timing", "page;dur=3.5");
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        api = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void server_time_is_the_page_entry_of_server_timing() {
        assertThat(TrackingPageViews.serverMillis("page;dur=4.1")).contains(4.1);
        assertThat(TrackingPageViews.serverMillis("db;dur=2, page;desc=\"render\";dur=12")).contains(12.0);
        assertThat(TrackingPageViews.serverMillis("db;dur=2")).isEmpty();
        assertThat(TrackingPageViews.serverMillis("homepage;dur=9")).isEmpty();
    }

    @Test
    void a_page_links_its_static_assets_each_counted_once_and_nothing_else() {
        assertThat(TrackingPageViews.assets(HTML)).containsExactly("/static/theme.ab12.css", "/static/page.cd34.css", "/static/page.ef56.js");
    }

    @Test
    void an_unknown_token_has_the_shape_of_an_issued_one_and_is_fresh_each_time() {
        String a = TrackingPageViews.unknownToken();
        assertThat(a).hasSize(32).matches("[A-Za-z0-9_-]+");
        assertThat(TrackingPageViews.unknownToken()).isNotEqualTo(a);
    }

    @Test
    void views_spread_over_the_pages_are_timed_by_the_server_and_sent_as_a_phone() {
        TrackingPageViews.Failures failures = new TrackingPageViews.Failures();
        TrackingPageViews.Views hits = TrackingPageViews.pages(HttpClient.newHttpClient(), api, List.of("known-a", "known-b"), 4, failures);

        assertThat(hits.serverMillis()).containsExactly(4.0, 4.0, 8.0, 8.0);
        assertThat(hits.roundTripMicros()).hasSize(4).allMatch(us -> us > 0);
        assertThat(hits.untimed()).isZero();
        assertThat(failures.count()).isZero();
        assertThat(asked).hasSize(4).allMatch(line -> line.startsWith("/t/known-") && line.endsWith(TrackingPageViews.PHONE));
    }

    @Test
    void misses_ask_for_a_different_unknown_token_each_time_and_expect_404() {
        TrackingPageViews.Failures failures = new TrackingPageViews.Failures();
        TrackingPageViews.Views misses = TrackingPageViews.misses(HttpClient.newHttpClient(), api, 3, failures);

        assertThat(misses.serverMillis()).containsExactly(3.5, 3.5, 3.5);
        assertThat(failures.count()).isZero();
        assertThat(asked.stream().distinct()).hasSize(3);
    }

    @Test
    void a_page_that_does_not_answer_200_is_a_failure_of_one_line() {
        pageStatus = 500;
        TrackingPageViews.Failures failures = new TrackingPageViews.Failures();
        TrackingPageViews.Views hits = TrackingPageViews.pages(HttpClient.newHttpClient(), api, List.of("known-a"), 5, failures);
        TrackingPageViews.Result r = result(hits, hits, new TrackingPageViews.Weight(0, Map.of()), failures);

        assertThat(failures.count()).isEqualTo(5);
        assertThat(TrackingPageViews.failure(r)).contains("the tracking page: 5 unexpected answers (a shipment's page answered 500, not 200)");
    }

    @Test
    void answers_as_expected_fail_nothing_however_slow() {
        TrackingPageViews.Failures failures = new TrackingPageViews.Failures();
        TrackingPageViews.Views hits = new TrackingPageViews.Views(1, List.of(900.0), List.of(950_000L), 0);
        assertThat(TrackingPageViews.failure(result(hits, hits, new TrackingPageViews.Weight(0, Map.of()), failures))).isEmpty();
    }

    @Test
    void the_weight_is_the_html_and_each_linked_asset_fetched_once() {
        TrackingPageViews.Failures failures = new TrackingPageViews.Failures();
        TrackingPageViews.Weight w = TrackingPageViews.weight(HttpClient.newHttpClient(), api, "known-a", failures);

        assertThat(w.htmlBytes()).isEqualTo(HTML.length());
        assertThat(w.assets()).containsExactly(Map.entry("/static/theme.ab12.css", 512L), Map.entry("/static/page.cd34.css", 512L),
                Map.entry("/static/page.ef56.js", 2048L));
        assertThat(w.total()).isEqualTo(HTML.length() + 3072L);
        assertThat(asked.stream().filter(a -> a.startsWith("/static/page.ef56.js"))).hasSize(1);
        assertThat(failures.count()).isZero();
    }

    @Test
    void the_report_gives_percentiles_of_both_kinds_and_the_weight() {
        List<Double> server = new ArrayList<>();
        List<Long> roundTrip = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            server.add((double) i);
            roundTrip.add(i * 1000L + 500);
        }
        TrackingPageViews.Views hits = new TrackingPageViews.Views(100, server, roundTrip, 0);
        TrackingPageViews.Views misses = new TrackingPageViews.Views(100, server.stream().map(ms -> ms / 2).toList(), roundTrip, 0);
        TrackingPageViews.Result r = result(hits, misses, new TrackingPageViews.Weight(2048, Map.of("/static/page.css", 1024L)),
                new TrackingPageViews.Failures());

        assertThat(TrackingPageViews.report(r)).isEqualTo("tracking page, warm (100 sequential views over 2 shipments' pages, then 100 of "
                + "unknown tokens): server p50 51.0 ms, p95 96.0 ms, p99 100.0 ms, max 100.0 ms; not found: server p50 25.5 ms, p95 48.0 ms, "
                + "p99 50.0 ms, max 50.0 ms; round trip p50 51.5 ms, p95 96.5 ms (not found p50 51.5 ms, p95 96.5 ms); "
                + "weight 3.0 KB (HTML 2.0 KB + 1 assets 1.0 KB)");
        JsonNode summary = Json.MAPPER.valueToTree(TrackingPageViews.summary(r));
        assertThat(summary.path("views").path("serverMillis").path("p95").asDouble()).isEqualTo(96.0);
        assertThat(summary.path("notFound").path("serverMillis").path("max").asDouble()).isEqualTo(50.0);
        assertThat(summary.path("views").path("roundTripMillis").path("p50").asDouble()).isCloseTo(51.5, within(1e-9));
        assertThat(summary.path("weight").path("totalBytes").asLong()).isEqualTo(3072);
        assertThat(summary.path("unexpectedAnswers").asInt()).isZero();
    }

    @Test
    void requests_per_view_are_the_functions_own_not_the_schedules_running_meanwhile() throws IOException {
        Map<String, Object> views = phase("""
                {"units":4,"mails":0,"requests":{
                  "tracking-page":{"DynamoDb.Query":{"calls":4},"DynamoDb.GetItem":{"calls":12},"DynamoDb.UpdateItem":{"calls":4,"conditionalFailed":2}},
                  "rule-evaluator":{"DynamoDb.Query":{"calls":40}},
                  "event-source-outbound":{"Sqs.ReceiveMessage":{"calls":9,"emptyReceives":9}}},
                 "invocations":{"tracking-page":{"invocations":4},"rule-evaluator":{"invocations":3}}}
                """);
        Map<String, Object> misses = phase("""
                {"units":2,"mails":0,"requests":{"tracking-page":{"DynamoDb.Query":{"calls":6}}},"invocations":{"tracking-page":{"invocations":2}}}
                """);
        TrackingPageViews.Views none = new TrackingPageViews.Views(0, List.of(), List.of(), 0);
        TrackingPageViews.Result r = new TrackingPageViews.Result(2, none, none, new TrackingPageViews.Weight(0, Map.of()), views, misses,
                new TrackingPageViews.Failures());

        assertThat(TrackingPageViews.countsLine(r)).isEqualTo("tracking page, AWS requests per view: 4.00 DynamoDB reads, 1.00 writes "
                + "(0.50 failed conditional), 0.00 SQS requests, 1.00 Lambda invocations; per unknown token: 3.00 DynamoDB reads, "
                + "0.00 writes (0.00 failed conditional), 0.00 SQS requests, 1.00 Lambda invocations");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> phase(String json) throws IOException {
        return Json.MAPPER.readValue(json, Map.class);
    }

    static TrackingPageViews.Result result(TrackingPageViews.Views hits, TrackingPageViews.Views misses, TrackingPageViews.Weight weight,
                                           TrackingPageViews.Failures failures) {
        return new TrackingPageViews.Result(2, hits, misses, weight, Map.of(), Map.of(), failures);
    }
}
