package io.kargotakip.local;

import io.kargotakip.emulators.Mailbox;
import io.kargotakip.emulators.helpdesk.HelpdeskSandbox;
import io.kargotakip.emulators.ups.UpsSandbox;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The demo's part that shows the brand's rules deciding more than the status messages: a VIP's second failed attempt
 * hands over to live support (a ticket in the merchant's helpdesk, and a message with the support link), and an
 * insufficient address gets the one-click new-address form. The orders tell what the rules read of the sale (CSV
 * columns {@code segments}, {@code value}, …).
 */
final class RuleScenes {

    static final String VIP = "1ZMODAX0000000040";
    static final String ADDRESS = "1ZMODAX0000000041";

    static final String ORDERS_CSV = """
            order_id,order_no,source,first_name,email,phone,locale,consent_email,consent_sms,consent_whatsapp,consent_push,carrier,tracking_number,value,currency,segments,cltv_band
            WEB-1040,1040,web,Selin,selin@musteri.example,,tr,true,false,false,false,ups,%s,8450.00,TRY,vip,high
            WEB-1041,1041,web,Derya,derya@musteri.example,,tr,true,false,false,false,ups,%s,329.90,TRY,first_order,low
            """.formatted(VIP, ADDRESS);

    static final UpsSandbox.Scan FIRST_ATTEMPT = UpsSandbox.scanAgo("X", "48", "013", "The receiver was not available for delivery.",
            Duration.ofHours(26), "ISTANBUL", "TR");
    static final UpsSandbox.Scan SECOND_ATTEMPT = UpsSandbox.scanAgo("X", "48", "013", "The receiver was not available for delivery.",
            Duration.ofHours(3), "ISTANBUL", "TR");
    static final UpsSandbox.Scan INCORRECT_ADDRESS = UpsSandbox.scanAgo("X", "50", "050", "The address is incomplete.",
            Duration.ofHours(2), "IZMIR", "TR");

    private final LocalPlatform platform;
    private final Demo demo;

    RuleScenes(LocalPlatform platform, Demo demo) {
        this.platform = platform;
        this.demo = demo;
    }

    void run(Duration settle) {
        HttpResponse<String> imported = demo.post("/orders", "text/csv", Map.of("x-api-key", LocalPlatform.ORDERS_API_KEY), ORDERS_CSV);
        Demo.require(imported.statusCode() == 201, "orders import failed: " + imported.statusCode() + " " + imported.body());

        push(VIP, FIRST_ATTEMPT);
        platform.awaitQuiet(settle);
        push(VIP, SECOND_ATTEMPT);
        push(VIP, SECOND_ATTEMPT); // a carrier's repeat: still one ticket, one message
        platform.awaitQuiet(settle);
        List<HelpdeskSandbox.Received> tickets = platform.helpdesk().tickets().stream()
                .filter(t -> t.body().contains(VIP)).toList();
        Demo.require(tickets.size() == 1, "the VIP's second failed attempt opened " + tickets.size() + " tickets");
        List<String> selin = subjects("selin@musteri.example");
        Demo.require(selin.size() >= 2 && selin.get(selin.size() - 2).contains("teslim edilemedi")
                && selin.get(selin.size() - 1).contains("canlı destek"), "Selin's mails: " + selin);
        demo.say("16. Selin (VIP) missed the courier twice: the first time the plain 'failed attempt' mail; the second, the rules "
                + "handed her over to live support: one ticket in the merchant's helpdesk (" + tickets.get(0).idempotencyKey()
                + ", high priority, the carrier's repeat changed nothing) and a mail with the support link");

        push(ADDRESS, INCORRECT_ADDRESS);
        platform.awaitQuiet(settle);
        List<String> derya = subjects("derya@musteri.example");
        Demo.require(!derya.isEmpty() && derya.get(derya.size() - 1).contains("adres")
                && derya.stream().noneMatch(s -> s.contains("teslim edilemedi")), "Derya's mails: " + derya);
        demo.say("17. UPS could not deliver Derya's parcel for an incomplete address: she got the one-click new-address form "
                + "instead of the plain 'failed attempt' mail");
    }

    private void push(String parcel, UpsSandbox.Scan scan) {
        HttpResponse<String> r = demo.post("/webhooks/ups", "application/json",
                Map.of("Authorization", "Bearer " + LocalPlatform.UPS_WEBHOOK_CREDENTIAL), UpsSandbox.push(parcel, scan, "20261204"));
        Demo.require(r.statusCode() == 202, "UPS push refused: " + r.statusCode() + " " + r.body());
    }

    private List<String> subjects(String recipient) {
        return Mailbox.of(platform.emulators().sesStore()).to(recipient).stream().map(m -> m.path("subject").asText()).toList();
    }
}
