package io.kargotakip.local;

import io.kargotakip.aws.Json;
import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.emulators.Mailbox;
import io.kargotakip.emulators.ups.UpsSandbox;
import io.kargotakip.emulators.webpush.WebPushSandbox;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo's channels: the same rules, and the fallback chain (e-mail, WhatsApp after 2 h, SMS after 6 h) decides
 * the channel. A customer who allowed WhatsApp but not e-mail gets the message on WhatsApp at once (the e-mail
 * cannot go, so its fallback is brought forward and the held-message schedule releases it), one who allowed SMS
 * only gets an SMS; one who allowed nothing at import but then allowed notifications in the browser (the shop's page
 * posts the browser's subscription with the order's web push token) gets a web push, which the local push service
 * decrypts; and an address SES reports as bounced gets no more mail.
 */
final class EveryChannel {

    static final String WHATSAPP = "1ZMODAX0000000020";
    static final String SMS = "1ZMODAX0000000021";
    static final String BOUNCES = "1ZMODAX0000000022";
    static final String WEB_PUSH = "1ZMODAX0000000023";
    static final String WEB_PUSH_ORDER = "WEB-1023";
    /** What the shop's page shows next to its "notify me" button; the consent ledger keeps it with the grant. */
    static final String WEB_PUSH_CONSENT = "Kargonuzun durumunu bu tarayıcıya bildirim olarak gönderelim.";
    static final String WHATSAPP_PHONE = "+905321110020";
    static final String SMS_PHONE = "+905321110021";
    static final String BOUNCING = "ece@musteri.example";

    static final String ORDERS_CSV = """
            order_id,order_no,source,first_name,email,phone,locale,consent_email,consent_sms,consent_whatsapp,consent_push,carrier,tracking_number
            WEB-1020,1020,web,Selim,selim@musteri.example,0532 111 00 20,tr,false,false,true,false,ups,%s
            WEB-1021,1021,web,Nur,nur@musteri.example,(0532) 111-00-21,tr,false,true,false,false,ups,%s
            WEB-1022,1022,web,Ece,%s,,tr,true,false,false,false,ups,%s
            %s,1023,web,Deniz,deniz@musteri.example,,tr,false,false,false,false,ups,%s
            """.formatted(WHATSAPP, SMS, BOUNCING, BOUNCES, WEB_PUSH_ORDER, WEB_PUSH);

    private final LocalPlatform platform;
    private final Demo demo;

    EveryChannel(LocalPlatform platform, Demo demo) {
        this.platform = platform;
        this.demo = demo;
    }

    void run(Duration settle) {
        HttpResponse<String> imported = demo.importOrders(ORDERS_CSV);
        WebPushSandbox.Subscription browser = subscribe(imported.body());
        for (String parcel : List.of(WHATSAPP, SMS, BOUNCES, WEB_PUSH)) {
            platform.ups().answer(parcel, UpsSandbox.trackResponse(parcel, "20261203", List.of(Demo.LABEL, Demo.ORIGIN)));
        }
        demo.poll();
        platform.awaitQuiet(settle);
        demo.releaseHeld(settle);

        Demo.require(platform.whatsApp().sent().stream().anyMatch(s -> s.to().equals(WHATSAPP_PHONE.substring(1))
                || s.to().equals(WHATSAPP_PHONE)), "no WhatsApp message to the customer who allowed only WhatsApp");
        Demo.require(!platform.emulators().snsSandbox().publishedTo(SMS_PHONE).isEmpty(), "no SMS to the customer who allowed only SMS");
        // SNS's delivery status log of that SMS, through the log subscription, the delivery-logs function and the sender
        NotificationRepository notifications = new NotificationRepository(platform.dynamo(), platform.tables().notifications(), Duration.ofDays(30));
        String smsId = notifications.findByProviderMessageId(platform.emulators().snsSandbox().publishedTo(SMS_PHONE).get(0).messageId())
                .orElseThrow(() -> new IllegalStateException("the SMS to the customer who allowed only SMS was not recorded"));
        Demo.require(notifications.delivery(smsId).map(d -> d.latest().status() == NotificationRepository.Delivery.DELIVERED).orElse(false),
                "SNS's delivery status log did not mark the SMS delivered");
        Demo.require(Mailbox.of(platform.emulators().sesStore()).to(BOUNCING).size() == 1, "the mail to " + BOUNCING + " did not go");
        Demo.require(platform.webPush().deliveredTo(browser).stream().anyMatch(d -> d.payload().contains("\"title\":\"ModaX: ")
                && d.payload().contains("\"url\":\"http")), "no web push to the browser that subscribed");
        demo.say("10. one rule, four channels: Selim allowed WhatsApp only (his phone given as 0532 111 00 20), so the e-mail could "
                + "not go and its WhatsApp fallback went at once; Nur allowed SMS only and got an SMS (no link: Turkey), delivered as SNS's "
                + "delivery status log reports it (a log subscription → the delivery-logs function → the sender); Deniz allowed "
                + "notifications in her browser (POST /webpush/subscriptions/<token>) and got a web push, VAPID-signed and decrypted by the "
                + "local push service; Ece got the mail");

        // SES reports Ece's address as bounced, through SNS to the channel-events queue
        String shipped = NotificationIntent.idFor(new ShipmentId("ups", BOUNCES), MessageKind.SHIPPED, "email");
        platform.sqs().sendMessage(b -> b.queueUrl(platform.queues().channelEvents()).messageBody(bounceOf(shipped, BOUNCING)));
        platform.awaitQuiet(settle);
        platform.ups().answer(BOUNCES, UpsSandbox.trackResponse(BOUNCES, "20261203", List.of(Demo.LABEL, Demo.ORIGIN, Demo.DELIVERED)));
        new io.kargotakip.aws.store.ShipmentRepository(platform.dynamo(), platform.tables().shipments())
                .schedulePoll(new ShipmentId("ups", BOUNCES), java.time.Instant.now().minusSeconds(1));
        demo.poll();
        platform.awaitQuiet(settle);
        Demo.require(Mailbox.of(platform.emulators().sesStore()).to(BOUNCING).size() == 1, "a bounced address got another mail");
        String delivered = NotificationIntent.idFor(new ShipmentId("ups", BOUNCES), MessageKind.DELIVERED, "email");
        Demo.require(notifications.find(delivered)
                .map(n -> n.state() == NotificationRepository.State.SUPPRESSED).orElse(false), "the delivered mail to a bounced address was not suppressed");
        demo.say("11. SES reported Ece's address as bounced (an SES event through SNS and the channel-events queue): her 'delivered' "
                + "mail was suppressed, and ./kargo outbox says why");
    }

    /**
     * What /webpush.js does on the shop's page once Deniz clicks "notify me": a browser subscription (made by the local
     * push service, as a browser's push service would), posted with the order's token from the import's answer.
     */
    private WebPushSandbox.Subscription subscribe(String importAnswer) {
        String token;
        try {
            token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(importAnswer).path("webPushTokens").path(WEB_PUSH_ORDER).asText(null);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("unreadable import answer: " + e.getMessage(), e);
        }
        Demo.require(token != null, "the import's answer has no web push token for " + WEB_PUSH_ORDER + ": " + importAnswer);
        WebPushSandbox.Subscription browser = platform.webPush().newSubscription();
        String json = browser.json();
        String body = json.substring(0, json.length() - 1) + ",\"consentText\":" + Json.write(WEB_PUSH_CONSENT) + "}";
        String origin = "http://localhost:" + platform.httpApi().getPort();
        HttpResponse<String> subscribed = demo.post("/webpush/subscriptions/" + token, "application/json", Map.of("Origin", origin), body);
        Demo.require(subscribed.statusCode() == 201 && origin.equals(subscribed.headers().firstValue("Access-Control-Allow-Origin").orElse(null)),
                "the web push subscription was not taken: " + subscribed.statusCode() + " " + subscribed.body());
        return browser;
    }


    /** SES's Bounce record for that mail, in the SNS envelope, as the channel-events queue receives it. */
    static String bounceOf(String notificationId, String address) {
        String record = Json.write(Map.of("eventType", "Bounce",
                "bounce", Map.of("bounceType", "Permanent", "bounceSubType", "General", "timestamp", java.time.Instant.now().toString(),
                        "bouncedRecipients", List.of(Map.of("emailAddress", address, "action", "failed", "status", "5.1.1",
                                "diagnosticCode", "smtp; 550 5.1.1 user unknown"))),
                "mail", Map.of("timestamp", java.time.Instant.now().toString(), "messageId", "local-" + notificationId,
                        "destination", List.of(address), "tags", Map.of("notification", List.of(notificationId)))));
        return Json.write(Map.of("Type", "Notification", "MessageId", java.util.UUID.randomUUID().toString(),
                "TopicArn", "arn:aws:sns:us-east-1:000000000000:kargo-channel-events", "Message", record,
                "Timestamp", java.time.Instant.now().toString()));
    }
}
