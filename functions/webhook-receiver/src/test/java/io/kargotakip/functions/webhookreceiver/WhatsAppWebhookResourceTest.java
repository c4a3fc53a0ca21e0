package io.kargotakip.functions.webhookreceiver;

import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.NotificationRepository.Delivery;
import io.kargotakip.aws.store.NotificationRepository.DeliveryEvent;
import io.kargotakip.aws.store.OptOutList;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.LocalSettings;
import io.kargotakip.emulators.whatsapp.WhatsAppSandbox;
import io.kargotakip.testing.KargoStack;
import io.kargotakip.testing.KargoStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
class WhatsAppWebhookResourceTest {

    static final String PATH = "/channels/whatsapp/webhook";
    static final Instant T0 = Instant.parse("2026-12-01T09:00:00Z");

    KargoStack stack;
    NotificationRepository notifications;

    @BeforeEach
    void stack() {
        stack = KargoStackResource.stack();
        notifications = new NotificationRepository(stack.dynamo(), stack.tables().notifications(), Duration.ofDays(30));
    }

    /** A WhatsApp notification the sender sent, with its wamid. */
    String sent(String wamid) {
        ShipmentId shipment = new ShipmentId("ups", "1Z" + UUID.randomUUID().toString().replace("-", "").substring(0, 16));
        NotificationIntent intent = NotificationIntent.of(new StatusChange(shipment, "O-1", null, TrackingStatus.DELIVERED, null,
                T0, null, null, null, "k"), MessageKind.DELIVERED, "whatsapp");
        notifications.createIfAbsent(intent, T0);
        notifications.claim(intent.notificationId(), T0, Duration.ofMinutes(2));
        notifications.markSent(intent.notificationId(), wamid, T0);
        return intent.notificationId();
    }

    static String wamid() {
        return "wamid.HBgM" + UUID.randomUUID().toString().replace("-", "");
    }

    static void post(String body, int expected) {
        given().header("X-Hub-Signature-256", WhatsAppSandbox.signature(LocalSettings.WHATSAPP_APP_SECRET, body))
                .contentType("application/json").body(body).post(PATH).then().statusCode(expected);
    }

    @Test
    void the_handshake_with_our_verify_token_answers_the_challenge_as_plain_text() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", LocalSettings.WHATSAPP_VERIFY_TOKEN)
                .queryParam("hub.challenge", "1158201444").get(PATH)
                .then().statusCode(200).contentType(startsWith("text/plain")).body(equalTo("1158201444"));
    }

    @Test
    void a_wrong_token_or_mode_is_403_with_a_problem_body() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "guessed").queryParam("hub.challenge", "1")
                .get(PATH).then().statusCode(403).contentType(startsWith("application/problem+json")).body("status", equalTo(403));
        given().queryParam("hub.mode", "unsubscribe").queryParam("hub.verify_token", LocalSettings.WHATSAPP_VERIFY_TOKEN)
                .queryParam("hub.challenge", "1").get(PATH).then().statusCode(403);
        given().get(PATH).then().statusCode(403).contentType(startsWith("application/problem+json"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", LocalSettings.WHATSAPP_VERIFY_TOKEN)
                .queryParam("hub.challenge", "<script>").get(PATH).then().statusCode(400);
    }

    @Test
    void a_wrong_or_missing_signature_is_401_and_nothing_is_recorded() {
        String wamid = wamid();
        String id = sent(wamid);
        String read = WhatsAppSandbox.statusNotification(wamid, "read", "905321234567", T0.plusSeconds(60), null);

        given().header("X-Hub-Signature-256", WhatsAppSandbox.signature("not-the-app-secret", read)).contentType("application/json")
                .body(read).post(PATH).then().statusCode(401).contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("wrong X-Hub-Signature-256"));
        given().contentType("application/json").body(read).post(PATH).then().statusCode(401)
                .body("detail", equalTo("missing X-Hub-Signature-256"));
        // signed, then changed on the way
        given().header("X-Hub-Signature-256", WhatsAppSandbox.signature(LocalSettings.WHATSAPP_APP_SECRET, read))
                .contentType("application/json").body(read.replace("\"read\"", "\"sent\"")).post(PATH).then().statusCode(401);

        assertThat(notifications.delivery(id)).isEmpty();
        String stop = WhatsAppSandbox.textNotification("905320000001", "Ayşe", "STOP", T0);
        given().header("X-Hub-Signature-256", "sha256=" + "0".repeat(64)).contentType("application/json").body(stop).post(PATH)
                .then().statusCode(401);
        assertThat(new OptOutList(stack.dynamo(), stack.tables().orders()).isOptedOut("whatsapp", "+905320000001")).isFalse();
    }

    @Test
    void signed_statuses_move_the_notification_forward_once_each_and_never_back() {
        String wamid = wamid();
        String id = sent(wamid);

        post(WhatsAppSandbox.statusNotification(wamid, "sent", "905321234567", T0.plusSeconds(1), null), 200);
        post(WhatsAppSandbox.statusNotification(wamid, "delivered", "905321234567", T0.plusSeconds(5), null), 200);
        post(WhatsAppSandbox.statusNotification(wamid, "read", "905321234567", T0.plusSeconds(60), null), 200);
        post(WhatsAppSandbox.statusNotification(wamid, "read", "905321234567", T0.plusSeconds(60), null), 200); // Meta retries
        post(WhatsAppSandbox.statusNotification(wamid, "delivered", "905321234567", T0.plusSeconds(5), null), 200); // late

        var state = notifications.delivery(id).orElseThrow();
        assertThat(state.latest()).isEqualTo(new DeliveryEvent(Delivery.READ, T0.plusSeconds(60), null));
        assertThat(state.history()).extracting(DeliveryEvent::status).containsExactly(Delivery.SENT, Delivery.DELIVERED, Delivery.READ);
    }

    @Test
    void a_failed_status_keeps_meta_s_error_code() {
        String wamid = wamid();
        String id = sent(wamid);
        post(WhatsAppSandbox.statusNotification(wamid, "failed", "905321234567", T0.plusSeconds(2), 131026), 200);
        assertThat(notifications.delivery(id).orElseThrow().latest())
                .isEqualTo(new DeliveryEvent(Delivery.FAILED, T0.plusSeconds(2), "131026 Message Undeliverable"));
    }

    @Test
    void an_iptal_reply_records_an_opt_out_of_that_whatsapp_number() {
        OptOutList optOuts = new OptOutList(stack.dynamo(), stack.tables().orders());
        assertThat(optOuts.isOptedOut("whatsapp", "+905321112233")).isFalse();

        post(WhatsAppSandbox.textNotification("905321112233", "Ayşe", "İptal", T0), 200);
        post(WhatsAppSandbox.textNotification("905324445566", "Mehmet", "Paketim nerede?", T0), 200);

        assertThat(optOuts.isOptedOut("whatsapp", "+905321112233")).isTrue();
        assertThat(optOuts.isOptedOut("whatsapp", "+905324445566")).as("not an opt-out").isFalse();
    }

    @Test
    void a_customer_message_opens_the_service_window_of_that_number_and_a_forged_one_does_not() {
        io.kargotakip.aws.store.ServiceWindows windows = new io.kargotakip.aws.store.ServiceWindows(stack.dynamo(), stack.tables().orders());
        java.time.Instant wrote = java.time.Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String body = WhatsAppSandbox.textNotification("905327778899", "Ayşe", "Kargom nerede?", wrote);
        given().contentType("application/json").header("X-Hub-Signature-256", WhatsAppSandbox.signature("wrong-secret", body)).body(body)
                .post(PATH).then().statusCode(401);
        assertThat(windows.isOpen("whatsapp", "+905327778899", wrote.plusSeconds(1))).as("a forged message opens nothing").isFalse();

        post(body, 200);

        assertThat(windows.isOpen("whatsapp", "+905327778899", wrote.plus(java.time.Duration.ofHours(22)))).isTrue();
        assertThat(windows.isOpen("whatsapp", "+905327778899", wrote.plus(java.time.Duration.ofHours(24)))).isFalse();
        assertThat(windows.isOpen("sms", "+905327778899", wrote.plusSeconds(1))).as("SMS has no window").isFalse();
        // a message delivered late moves the window back by nothing
        post(WhatsAppSandbox.textNotification("905327778899", "Ayşe", "Merhaba", wrote.minus(java.time.Duration.ofHours(5))), 200);
        assertThat(windows.isOpen("whatsapp", "+905327778899", wrote.plus(java.time.Duration.ofHours(22)))).isTrue();
    }

    @Test
    void a_stop_reply_of_a_customer_the_ledger_knows_by_phone_is_appended_there_with_its_source() {
        io.kargotakip.aws.store.ConsentLedger ledger = new io.kargotakip.aws.store.ConsentLedger(stack.dynamo(), stack.tables().orders());
        String id = io.kargotakip.core.order.CustomerId.ofPhone("+905327778899");
        ledger.append(id, new io.kargotakip.aws.store.ConsentLedger.Entry("whatsapp", true, T0.minusSeconds(3600), "order-import", null));

        post(WhatsAppSandbox.textNotification("905327778899", "Ayşe", "STOP", T0), 200);

        io.kargotakip.aws.store.ConsentLedger.Entry now = ledger.current(id).get("whatsapp");
        assertThat(now.granted()).isFalse();
        assertThat(now.source()).isEqualTo("reply");
        assertThat(now.text()).isEqualTo("WhatsApp reply STOP");
    }

    @Test
    void a_status_of_a_message_we_did_not_send_is_accepted_and_dropped_and_an_unreadable_body_is_400() {
        post(WhatsAppSandbox.statusNotification("wamid.not-ours", "delivered", "905321234567", T0, null), 200);
        post("not json", 400);
    }
}
