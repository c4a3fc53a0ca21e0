package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.Mailbox;
import io.kargotakip.emulators.ups.UpsSandbox;
import io.kargotakip.testing.browser.Axe;
import io.kargotakip.testing.browser.Chromium;
import io.kargotakip.testing.browser.Page;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracking page end to end, on the local stack and its packaged functions: an order imported through the orders
 * API, a UPS push, the mail in the SES emulator; its link followed in a real Chromium lands on the shipment's page
 * (the tracked link's click recorded on the way); the customer turns everything off in the preference centre; the next
 * status is decided but its mail is not sent.
 */
class TrackingPageIT {

    static final String EMAIL = "leyla@musteri.example";
    static final String NUMBER = "1ZPAGEIT000000001";
    static LocalPlatform platform;

    @BeforeAll
    static void start() {
        Path root = Emulators.projectRoot();
        platform = LocalPlatform.start(new LocalPlatform.Options(root, 0, Duration.ofHours(1), root.resolve("infra/local/target/it-logs-page")),
                line -> { });
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    static HttpResponse<String> post(String path, Optional<String> apiKey, String contentType, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(platform.httpApi().resolve(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        apiKey.ifPresent(k -> b.header("x-api-key", k));
        if (path.startsWith("/webhooks/ups")) {
            b.header("Authorization", "Bearer " + LocalPlatform.UPS_WEBHOOK_CREDENTIAL);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static List<JsonNode> mails() {
        return Mailbox.of(platform.emulators().sesStore()).to(EMAIL);
    }

    static void await(java.util.function.BooleanSupplier done, String what) {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        while (!done.getAsBoolean()) {
            if (java.time.Instant.now().isAfter(deadline)) {
                throw new AssertionError(what + " not within 60 s; see " + platform.options().logDir());
            }
            LocalPlatform.sleep(Duration.ofMillis(100));
        }
    }

    @Test
    void a_mails_link_opens_the_parcels_page_and_turning_everything_off_there_stops_the_next_mail() throws Exception {
        assertThat(post("/orders", Optional.of(LocalPlatform.ORDERS_API_KEY), "application/json", """
                {"orderId": "WEB-PAGE-1", "orderNo": "5501", "source": "web",
                 "customer": {"firstName": "Leyla", "email": "%s", "locale": "tr"}, "consent": {"email": true},
                 "shipments": [{"carrier": "ups", "trackingNumber": "%s"}]}""".formatted(EMAIL, NUMBER)).statusCode()).isEqualTo(201);
        assertThat(post("/webhooks/ups", Optional.empty(), "application/json", UpsSandbox.push(NUMBER, Demo.ORIGIN, "20261205")).statusCode())
                .isEqualTo(202);
        await(() -> mails().size() == 1, "the mail of the parcel's first scan");
        String text = mails().get(0).path("body").path("text").asText();
        Matcher link = Pattern.compile(Pattern.quote(platform.httpApi() + "/c/") + "[A-Za-z0-9_.-]+(?=\\s|$)").matcher(text);
        assertThat(link.find()).as(text).isTrue();

        try (Chromium chromium = Chromium.launch()) {
            Page page = chromium.open("about:blank");
            page.phone();
            page.navigate(link.group());
            assertThat(page.evaluate("location.pathname").asText()).startsWith("/t/");
            assertThat(page.evaluate("document.querySelector('h1').textContent").asText()).isEqualTo("Yolda");
            assertThat(page.evaluate("document.querySelector('.timeline li').dataset.status").asText()).isEqualTo("in_transit");
            assertThat(page.evaluate("document.getElementById('tracking-number').textContent").asText()).isEqualTo(NUMBER);
            assertThat(page.evaluate("document.body.innerText").asText()).contains("Kargom ne zaman gelir?").doesNotContain(EMAIL);
            page.screenshot(Path.of("target/screenshots/tracking-page-local.png"));
            assertThat(Axe.seriousViolations(page)).isEmpty();

            int mark = page.mark();
            page.evaluate("document.querySelector('a[data-action=tercihler]').click()");
            page.await(mark, "Page.loadEventFired", e -> true, Duration.ofSeconds(15));
            assertThat(page.evaluate("document.querySelector('input[name=channel][value=email]').checked").asBoolean()).isTrue();
            mark = page.mark();
            page.evaluate("document.querySelector('button[value=stop_all]').click()");
            page.await(mark, "Page.loadEventFired", e -> true, Duration.ofSeconds(15));
            assertThat(page.evaluate("document.getElementById('form-message').textContent").asText()).contains("Tercihlerin kaydedildi");
            assertThat(page.evaluate("document.querySelector('input[name=channel][value=email]').checked").asBoolean()).isFalse();
        }

        var notifications = new NotificationRepository(platform.dynamo(), platform.tables().notifications(), Duration.ofDays(30));
        ShipmentId shipment = new ShipmentId("ups", NUMBER);
        assertThat(post("/webhooks/ups", Optional.empty(), "application/json", UpsSandbox.push(NUMBER, Demo.NOBODY_HOME, "20261206")).statusCode())
                .isEqualTo(202);
        await(() -> notifications.ofShipment(shipment, java.time.Instant.now()).stream()
                .anyMatch(m -> m.channel().equals("email") && m.state().equalsIgnoreCase("SUPPRESSED")), "the failed attempt's mail decided and suppressed");
        platform.awaitQuiet(Duration.ofSeconds(30));
        assertThat(mails()).as("nothing after the customer turned everything off").hasSize(1);
    }

    @Test
    void the_page_of_a_token_that_names_nothing_is_the_same_not_found_page() throws Exception {
        var response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(platform.httpApi().resolve("/t/" + "A".repeat(32))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'none'");
        assertThat(response.body()).contains("id=\"not-found\"");
    }
}
