package io.kargotakip.functions.ordersapi;

import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.pipeline.Dispatcher;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.NotificationRepository.Delivery;
import io.kargotakip.aws.store.NotificationRepository.DeliveryEvent;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.core.template.Brand;
import io.kargotakip.core.template.Links;
import io.kargotakip.core.template.MessageComposer;
import io.kargotakip.core.template.TemplateCatalog;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
class TrackedLinksResourceTest {

    static final String BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1";

    private final KargoStack stack = KargoStackResource.stack();
    private final Links links = new Links(Brand.fromEnvironment(stack.environment()::get));
    private final NotificationRepository notifications = new NotificationRepository(stack.dynamo(), stack.tables().notifications(),
            Duration.ofDays(30));

    /** An e-mail of a fresh order's shipment, stored as sent; its SMS fallback held behind it when {@code fallback}. */
    private record Sent(ShipmentId shipment, String orderId, NotificationIntent email, NotificationIntent sms) {
    }

    private Sent sent() {
        String n = UUID.randomUUID().toString().replace("-", "").substring(0, 10).toUpperCase();
        String orderId = "LINKS-" + n;
        ShipmentId shipment = new ShipmentId("ups", "1Z999AA1" + n);
        given().header("x-api-key", KargoStack.ORDERS_API_KEY).contentType("application/json").body("""
                {"orderId":"%s","orderNo":"9%s","source":"web",
                 "customer":{"firstName":"Deniz","email":"deniz.%s@example.com","phone":"+905321119900","locale":"tr"},
                 "consent":{"email":true,"sms":true},
                 "shipments":[{"carrier":"ups","trackingNumber":"%s"}]}""".formatted(orderId, n.substring(0, 4), n, shipment.trackingNumber()))
                .post("/orders").then().statusCode(201);
        StatusChange change = new StatusChange(shipment, orderId, null, TrackingStatus.OUT_FOR_DELIVERY, null, Instant.now(), null, null,
                null, "k");
        NotificationIntent email = NotificationIntent.of(change, MessageKind.OUT_FOR_DELIVERY, "email");
        NotificationIntent sms = NotificationIntent.of(change, MessageKind.OUT_FOR_DELIVERY, "sms");
        Instant now = Instant.now();
        notifications.createIfAbsent(email, now, List.of(sms.notificationId()));
        assertThat(notifications.claim(email.notificationId(), now, Duration.ofMinutes(2))).isTrue();
        notifications.markSent(email.notificationId(), "ses-" + n, now);
        // held as the chain holds it, and already due: the schedule would queue it now
        notifications.createHeld(sms, now.minusSeconds(1), List.of(email.notificationId()), List.of(), now);
        return new Sent(shipment, orderId, email, sms);
    }

    private final io.kargotakip.aws.store.ShipmentRepository shipments = new io.kargotakip.aws.store.ShipmentRepository(stack.dynamo(),
            stack.tables().shipments());

    /** The shipment's tracking-page token, as the click issued it (stored with the shipment). */
    private String pageToken(io.kargotakip.core.shipment.ShipmentId shipment) {
        return shipments.pageToken(shipment).orElseThrow();
    }

    private String page(io.kargotakip.core.shipment.ShipmentId shipment) {
        return links.page(pageToken(shipment));
    }

    private static String path(String url) {
        return URI(url).getRawPath();
    }

    private static java.net.URI URI(String url) {
        return java.net.URI.create(url);
    }

    /** The directives of Cache-Control, in one header or several (HTTP treats both alike). */
    private static List<String> cacheControl(Response response) {
        return response.headers().getValues("Cache-Control").stream().flatMap(v -> java.util.Arrays.stream(v.split(","))).map(String::strip).toList();
    }

    private Response get(String url, String userAgent) {
        return given().redirects().follow(false).header("User-Agent", userAgent).get(path(url));
    }

    @Test
    void a_click_records_clicked_engages_the_chain_so_the_held_fallback_is_suppressed_and_redirects_to_the_tracking_page() {
        Sent sent = sent();
        String id = sent.email().notificationId();

        Response response = get(links.click(id), BROWSER);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo(page(sent.shipment()));
        assertThat(cacheControl(response)).containsExactlyInAnyOrder("no-store", "private");
        var delivery = notifications.delivery(id).orElseThrow();
        assertThat(delivery.latest().status()).isEqualTo(Delivery.CLICKED);
        assertThat(notifications.engagement(List.of(id))).as("what the Dispatcher reads for the chain").contains("clicked over email");

        // the sender's Dispatcher on the held SMS: the chain was clicked, so it is not sent (no channel is even needed)
        Dispatcher dispatcher = new Dispatcher(notifications, new OrderRepository(stack.dynamo(), stack.tables().orders()), Map.of(),
                new MessageComposer(TemplateCatalog.builtIn(), Brand.fromEnvironment(stack.environment()::get), c -> c),
                Metrics.forFunction("test"), Clock.systemUTC());
        assertThat(dispatcher.process(new Envelope.OutboundMessage("t", sent.sms().notificationId()))).isEqualTo(Dispatcher.Outcome.SUPPRESSED);
        assertThat(stack.dynamo().getItem(b -> b.tableName(stack.tables().notifications())
                .key(Map.of("notificationId", AttributeValue.fromS(sent.sms().notificationId())))).item().get("outcome").s())
                .isEqualTo("fallback not needed: the customer clicked over email");

        // a second click: in the history and counted, the first stays the engagement, and it still redirects
        Response again = get(links.click(id), BROWSER);
        assertThat(again.statusCode()).isEqualTo(302);
        assertThat(again.header("Location")).isEqualTo(page(sent.shipment()));
        var after = notifications.delivery(id).orElseThrow();
        assertThat(after.latest()).isEqualTo(delivery.latest());
        assertThat(after.history()).extracting(DeliveryEvent::status).containsExactly(Delivery.CLICKED, Delivery.CLICKED);
        assertThat(notifications.interactions(id)).containsEntry(Delivery.CLICKED, 2L);
    }

    @Test
    void an_action_link_leads_to_that_page_of_the_tracking_site_and_counts_as_a_click() {
        Sent sent = sent();
        String id = sent.email().notificationId();

        Response response = get(links.click(id, "randevu"), BROWSER);

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.header("Location")).isEqualTo(links.pageAction(pageToken(sent.shipment()), "randevu"));
        assertThat(notifications.interactions(id)).containsEntry(Delivery.CLICKED, 1L);

        assertThat(get(links.click(id) + "/https%3A%2F%2Fevil.example", BROWSER).statusCode()).as("not an action of the site").isEqualTo(404);
        assertThat(notifications.interactions(id)).containsEntry(Delivery.CLICKED, 1L);
    }

    @Test
    void a_forged_or_unknown_token_is_a_404_never_a_redirect_and_records_nothing() {
        Sent sent = sent();
        String id = sent.email().notificationId();
        String optOut = links.optOut(id);
        String optOutToken = optOut.substring(optOut.lastIndexOf('/') + 1);

        for (String p : List.of("/c/" + id + ".forged", "/c/" + optOutToken, "/c/no-dot", "/c/" + links.click("n-not-stored")
                .substring(links.click("n-not-stored").lastIndexOf('/') + 1))) {
            Response response = given().redirects().follow(false).header("User-Agent", BROWSER).get(p);
            assertThat(response.statusCode()).as(p).isEqualTo(404);
            assertThat(response.header("Location")).as(p).isNull();
            assertThat(response.contentType()).as(p).startsWith("application/problem+json");
        }
        given().redirects().follow(false).header("Accept", "text/html,application/xhtml+xml").get("/c/" + id + ".forged")
                .then().statusCode(404).contentType(startsWith("text/html")).body(containsString("geçerli değil"));
        assertThat(notifications.delivery(id)).isEmpty();
        assertThat(notifications.engagement(List.of(id))).isEmpty();
    }

    @Test
    void head_requests_and_link_previews_are_redirected_but_not_counted() {
        Sent sent = sent();
        String id = sent.email().notificationId();

        Response head = given().redirects().follow(false).header("User-Agent", BROWSER).head(path(links.click(id)));
        assertThat(head.statusCode()).isEqualTo(302);
        assertThat(head.header("Location")).isEqualTo(page(sent.shipment()));
        for (String bot : List.of("WhatsApp/2.23.20.0 A", "facebookexternalhit/1.1", "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
                "TelegramBot (like TwitterBot)", "Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)",
                "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")) {
            Response preview = get(links.click(id), bot);
            assertThat(preview.statusCode()).as(bot).isEqualTo(302);
            assertThat(preview.header("Location")).as(bot).isEqualTo(page(sent.shipment()));
        }
        assertThat(notifications.delivery(id)).as("nothing recorded").isEmpty();
        assertThat(notifications.interactions(id)).isEmpty();
        assertThat(notifications.engagement(List.of(id))).as("the chain goes on").isEmpty();
    }

    @Test
    void the_pixel_records_opened_without_engaging_and_answers_a_transparent_gif_that_nobody_caches() throws Exception {
        Sent sent = sent();
        String id = sent.email().notificationId();

        Response response = given().header("User-Agent", BROWSER).get(path(links.openPixel(id)));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("image/gif");
        assertThat(cacheControl(response)).containsExactlyInAnyOrder("no-store", "private");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(response.asByteArray()));
        assertThat(image.getWidth()).isEqualTo(1);
        assertThat(image.getHeight()).isEqualTo(1);
        assertThat(image.getRGB(0, 0) >>> 24).as("alpha: transparent").isZero();
        assertThat(notifications.delivery(id).orElseThrow().latest().status()).isEqualTo(Delivery.OPENED);
        assertThat(notifications.interactions(id)).containsEntry(Delivery.OPENED, 1L);
        assertThat(notifications.engagement(List.of(id))).as("an open is not read: the fallback still goes").isEmpty();

        given().header("User-Agent", BROWSER).get(path(links.openPixel(id))).then().statusCode(200);
        assertThat(notifications.interactions(id)).as("counted again").containsEntry(Delivery.OPENED, 2L);
        given().header("User-Agent", "WhatsApp/2.23.20.0 A").get(path(links.openPixel(id))).then().statusCode(200);
        given().header("User-Agent", BROWSER).head(path(links.openPixel(id))).then().statusCode(200);
        assertThat(notifications.interactions(id)).as("a preview and a HEAD are not").containsEntry(Delivery.OPENED, 2L);
    }

    @Test
    void a_bad_pixel_token_gets_the_same_gif_and_records_nothing() {
        Sent sent = sent();
        String id = sent.email().notificationId();
        String click = links.click(id);

        byte[] good = given().get(path(links.openPixel(sent().email().notificationId()))).asByteArray();
        for (String p : List.of("/o/" + id + ".forged.gif", "/o/" + click.substring(click.lastIndexOf('/') + 1) + ".gif", "/o/nothing")) {
            Response response = given().header("User-Agent", BROWSER).get(p);
            assertThat(response.statusCode()).as(p).isEqualTo(200);
            assertThat(response.contentType()).as(p).isEqualTo("image/gif");
            assertThat(response.asByteArray()).as(p).isEqualTo(good);
        }
        assertThat(notifications.delivery(id)).isEmpty();
        assertThat(notifications.interactions(id)).isEmpty();
    }
}
