package io.kargotakip.local;

import io.kargotakip.aws.store.NotificationRepository;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.emulators.LocalSettings;
import io.kargotakip.emulators.Mailbox;
import io.kargotakip.emulators.ups.UpsSandbox;
import io.kargotakip.emulators.whatsapp.WhatsAppSandbox;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo's part that needs time to pass, on the local stack's controllable clock ({@link LocalPlatform#clock()}:
 * the rule evaluator's and the sender's): two fallback chains from 09:00 in Istanbul — Pelin reads the WhatsApp
 * fallback, so her SMS is cancelled; Can reads nothing and gets the SMS six hours after the e-mail —, an app push
 * to a device registered through the orders API, an opt-out through the link of a mail that stops the next one,
 * and an SMS held by quiet hours from 23:00 until 08:00.
 */
final class TimedChannels {

    static final String READS = "1ZMODAX0000000030";
    static final String UNREAD = "1ZMODAX0000000031";
    static final String NIGHT = "1ZMODAX0000000032";
    static final String OPTS_OUT = "1ZMODAX0000000033";
    static final String APP = "1ZMODAX0000000034";
    static final String READS_PHONE = "+905321110030";
    static final String UNREAD_PHONE = "+905321110031";
    static final String NIGHT_PHONE = "+905321110032";
    static final String OPTS_OUT_EMAIL = "irem@musteri.example";
    /** The demo merchant's Android app, an SNS platform application (FCM) of the SNS stand-in. */
    static final String FCM_APP_ARN = "arn:aws:sns:us-east-1:000000000000:app/GCM/modax-android";

    static final String ORDERS_CSV = """
            order_id,order_no,source,first_name,email,phone,locale,consent_email,consent_sms,consent_whatsapp,consent_push,carrier,tracking_number
            WEB-1030,1030,web,Pelin,pelin@musteri.example,%s,tr,true,true,true,false,ups,%s
            WEB-1031,1031,web,Can,can@musteri.example,%s,tr,true,true,true,false,ups,%s
            WEB-1033,1033,web,İrem,%s,,tr,true,false,false,false,ups,%s
            WEB-1034,1034,web,Kerem,kerem@musteri.example,,tr,true,false,false,true,ups,%s
            """.formatted(READS_PHONE, READS, UNREAD_PHONE, UNREAD, OPTS_OUT_EMAIL, OPTS_OUT, APP);
    /** Sevgi orders in the evening (her parcel is shipped at once: imported then, so no earlier poll finds it unknown to UPS). */
    static final String NIGHT_CSV = """
            order_id,order_no,source,first_name,email,phone,locale,consent_email,consent_sms,consent_whatsapp,consent_push,carrier,tracking_number
            WEB-1032,1032,web,Sevgi,sevgi@musteri.example,%s,tr,false,true,false,false,ups,%s
            """.formatted(NIGHT_PHONE, NIGHT);

    private static final Pattern OPT_OUT_LINK = Pattern.compile("https?://[^\\s\"<>]+(/u/[A-Za-z0-9_.-]+)");

    private final LocalPlatform platform;
    private final Demo demo;
    private final NotificationRepository notifications;
    private final ShipmentRepository shipments;

    TimedChannels(LocalPlatform platform, Demo demo) {
        this.platform = platform;
        this.demo = demo;
        this.notifications = new NotificationRepository(platform.dynamo(), platform.tables().notifications(), Duration.ofDays(30));
        this.shipments = new ShipmentRepository(platform.dynamo(), platform.tables().shipments());
    }

    void run(Duration settle) {
        ZonedDateTime nine = nextIstanbul(9);
        demo.advanceTo(nine.toInstant());
        HttpResponse<String> imported = demo.importOrders(ORDERS_CSV);
        HttpResponse<String> device = demo.send("PUT", "/orders/WEB-1034/devices", "application/json",
                Map.of("x-api-key", LocalPlatform.ORDERS_API_KEY), "{\"platform\":\"fcm\",\"token\":\"kerem-pixel-fcm-token-0001\"}");
        Demo.require(device.statusCode() == 200, "device registration failed: " + device.statusCode() + " " + device.body());
        String endpointArn = io.kargotakip.aws.Json.read(device.body(), Map.class).get("endpointArn").toString();
        shipped(List.of(READS, UNREAD, OPTS_OUT, APP), settle);

        Demo.require(!platform.emulators().snsSandbox().publishedToEndpoint(endpointArn).isEmpty(), "no push to Kerem's app");
        Demo.require(Mailbox.of(platform.emulators().sesStore()).to("kerem@musteri.example").isEmpty(), "Kerem got a mail besides his push");
        // SNS's delivery status log of the push (the platform took it), through the log subscription and the sender
        String pushId = notifications.findByProviderMessageId(platform.emulators().snsSandbox().publishedToEndpoint(endpointArn).get(0).messageId())
                .orElseThrow(() -> new IllegalStateException("Kerem's push was not recorded"));
        Demo.require(notifications.delivery(pushId).map(d -> d.latest().status() == NotificationRepository.Delivery.DELIVERED).orElse(false),
                "SNS's delivery status log did not mark Kerem's push delivered");
        demo.say("12. Kerem's app registered its device (PUT /orders/WEB-1034/devices, an SNS platform endpoint): his 'shipped' "
                + "went as an app push, delivered to FCM as SNS's delivery status log says, and the e-mail waits as its stand-in, "
                + "sent only if the push cannot go");

        Mailbox mailbox = Mailbox.of(platform.emulators().sesStore());
        Demo.require(mailbox.to("pelin@musteri.example").size() == 1 && mailbox.to("can@musteri.example").size() == 1, "Pelin's and Can's 'shipped' mails did not go: "
                + mailbox.to("pelin@musteri.example").size() + " and " + mailbox.to("can@musteri.example").size() + " mails");
        demo.advanceTo(nine.plusHours(2).plusMinutes(1).toInstant());
        demo.releaseHeld(settle);
        WhatsAppSandbox.Sent toPelin = whatsAppTo(READS_PHONE);
        Demo.require(whatsAppTo(UNREAD_PHONE) != null, "no WhatsApp fallback to Can two hours after the unread mail");
        int status = WhatsAppSandbox.report(platform.httpApi().resolve("/channels/whatsapp/webhook"), LocalSettings.WHATSAPP_APP_SECRET,
                WhatsAppSandbox.statusNotification(toPelin.wamid(), "read", READS_PHONE.substring(1), platform.clock().instant(), null));
        Demo.require(status == 200, "the WhatsApp read receipt was refused: " + status);
        platform.awaitQuiet(settle);
        demo.advanceTo(nine.plusHours(6).plusMinutes(1).toInstant());
        demo.releaseHeld(settle);
        Demo.require(platform.emulators().snsSandbox().publishedTo(READS_PHONE).isEmpty(), "Pelin read the WhatsApp and still got the SMS");
        Demo.require(state(READS, "sms") == NotificationRepository.State.SUPPRESSED, "Pelin's SMS fallback was not cancelled");
        Demo.require(!platform.emulators().snsSandbox().publishedTo(UNREAD_PHONE).isEmpty(), "Can read nothing and got no SMS after six hours");
        demo.say("13. the fallback chain on the local clock, from 09:00 Istanbul: Pelin's and Can's mails went unread; at 11:00 both got "
                + "WhatsApp; Pelin read hers (Meta's read receipt through the signed webhook), so her 15:00 SMS was cancelled; "
                + "Can read nothing and got the SMS at 15:00");

        optOutThroughTheMailLink(settle);

        demo.advanceTo(nine.withHour(23).toInstant());
        HttpResponse<String> evening = demo.importOrders(NIGHT_CSV);
        shipped(List.of(NIGHT), settle);
        demo.releaseHeld(settle);
        Demo.require(platform.emulators().snsSandbox().publishedTo(NIGHT_PHONE).isEmpty(), "an SMS went at 23:00 Istanbul");
        Demo.require(state(NIGHT, "sms") == NotificationRepository.State.DEFERRED, "Sevgi's SMS is not held by quiet hours");
        demo.advanceTo(nine.plusDays(1).withHour(8).plusMinutes(1).toInstant());
        demo.releaseHeld(settle);
        Demo.require(!platform.emulators().snsSandbox().publishedTo(NIGHT_PHONE).isEmpty(), "Sevgi's SMS did not go at 08:00");
        demo.say("15. quiet hours: Sevgi (SMS only) was shipped to at 23:00 Istanbul; her SMS was held until 08:00 and went then");
    }

    /** İrem opens her mail's opt-out link and confirms; her 'delivered' mail then does not go. */
    private void optOutThroughTheMailLink(Duration settle) {
        List<com.fasterxml.jackson.databind.JsonNode> mails = Mailbox.of(platform.emulators().sesStore()).to(OPTS_OUT_EMAIL);
        Demo.require(mails.size() == 1, "İrem's 'shipped' mail did not go");
        Matcher link = OPT_OUT_LINK.matcher(mails.get(0).path("body").path("text").asText());
        Demo.require(link.find(), "İrem's mail has no opt-out link");
        HttpResponse<String> page = demo.send("GET", link.group(1), "text/plain", Map.of(), "");
        Demo.require(page.statusCode() == 200, "the opt-out page did not open: " + page.statusCode());
        HttpResponse<String> optedOut = demo.post(link.group(1), "application/x-www-form-urlencoded", Map.of(), "List-Unsubscribe=One-Click");
        Demo.require(optedOut.statusCode() / 100 == 2, "the opt-out was refused: " + optedOut.statusCode() + " " + optedOut.body());
        platform.ups().answer(OPTS_OUT, UpsSandbox.trackResponse(OPTS_OUT, "20261203", List.of(Demo.LABEL, Demo.ORIGIN, Demo.DELIVERED)));
        shipments.schedulePoll(new ShipmentId("ups", OPTS_OUT), Instant.now().minusSeconds(1));
        demo.poll();
        platform.awaitQuiet(settle);
        Demo.require(Mailbox.of(platform.emulators().sesStore()).to(OPTS_OUT_EMAIL).size() == 1, "İrem opted out and got another mail");
        Demo.require(state(OPTS_OUT, MessageKind.DELIVERED, "email") == NotificationRepository.State.SUPPRESSED, "İrem's 'delivered' mail was not suppressed");
        demo.say("14. İrem opened her mail's opt-out link (" + link.group(1).substring(0, 12) + "…), confirmed, and her 'delivered' mail "
                + "did not go: the consent ledger counts from the next message");
    }

    /** The parcels' first scans, polled now. */
    private void shipped(List<String> parcels, Duration settle) {
        for (String parcel : parcels) {
            platform.ups().answer(parcel, UpsSandbox.trackResponse(parcel, "20261203", List.of(Demo.LABEL, Demo.ORIGIN)));
            shipments.schedulePoll(new ShipmentId("ups", parcel), Instant.now().minusSeconds(1));
        }
        demo.poll();
        platform.awaitQuiet(settle);
        demo.releaseHeld(settle);
    }

    private NotificationRepository.State state(String parcel, String channel) {
        return state(parcel, MessageKind.SHIPPED, channel);
    }

    private NotificationRepository.State state(String parcel, MessageKind kind, String channel) {
        return notifications.find(NotificationIntent.idFor(new ShipmentId("ups", parcel), kind, channel))
                .map(NotificationRepository.Stored::state).orElse(null);
    }

    private WhatsAppSandbox.Sent whatsAppTo(String phone) {
        return platform.whatsApp().sent().stream().filter(s -> s.to().equals(phone.substring(1)) || s.to().equals(phone))
                .findFirst().orElse(null);
    }

    /** The next {@code hour}:00 in Istanbul on the local clock. */
    private ZonedDateTime nextIstanbul(int hour) {
        ZonedDateTime now = platform.clock().instant().atZone(LocalPlatform.ISTANBUL);
        ZonedDateTime at = now.toLocalDate().atTime(hour, 0).atZone(LocalPlatform.ISTANBUL);
        return at.isAfter(now) ? at : at.plusDays(1);
    }


}
