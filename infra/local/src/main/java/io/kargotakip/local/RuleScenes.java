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
 * hands over to live support (a ticket in the merchant's helpdesk, and a message with the support link), an
 * insufficient address gets the one-click new-address form, a cash-on-delivery parcel's customer hears at 08:00 of its
 * delivery day (a time rule, on the local clock), and operations get the daily summary and exception report at 08:30.
 * The orders tell what the rules read of the sale (CSV columns {@code segments}, {@code value}, {@code cod_amount}, …).
 */
final class RuleScenes {

    static final String VIP = "1ZMODAX0000000040";
    static final String ADDRESS = "1ZMODAX0000000041";
    static final String COD = "1ZMODAX0000000042";
    static final String COD_EMAIL = "hulya@musteri.example";

    static final String COD_CSV = """
            order_id,order_no,source,first_name,email,phone,locale,consent_email,consent_sms,consent_whatsapp,consent_push,carrier,tracking_number,value,currency,cod_amount
            WEB-1042,1042,web,Hülya,%s,,tr,true,false,false,false,ups,%s,1249.90,TRY,1249.90
            """.formatted(COD_EMAIL, COD);

    static final UpsSandbox.Scan COD_DEPARTED = UpsSandbox.scanAgo("I", "DP", "005", "Departed from Facility", Duration.ofHours(1),
            "ANKARA", "TR");

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
        HttpResponse<String> imported = demo.importOrders(ORDERS_CSV);

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

        codMorningAndTheDailyReports(settle);
    }

    /**
     * Hülya pays at the door: her parcel's scan says it comes tomorrow; at 08:00 of that day (the local clock) the
     * schedule's look at the time rules sends her the amount and the POS information with the confirmation link. At
     * 08:30 operations get yesterday's summary and exception report on their chat webhook.
     */
    private void codMorningAndTheDailyReports(Duration settle) {
        HttpResponse<String> imported = demo.importOrders(COD_CSV);
        java.time.LocalDate today = platform.clock().instant().atZone(LocalPlatform.ISTANBUL).toLocalDate();
        java.time.LocalDate deliveryDay = today.plusDays(1);
        push(COD, COD_DEPARTED, deliveryDay);
        platform.awaitQuiet(settle);
        Demo.require(subjects(COD_EMAIL).size() == 1, "Hülya's mails: " + subjects(COD_EMAIL));

        demo.advanceTo(deliveryDay.atTime(7, 59).atZone(LocalPlatform.ISTANBUL).toInstant());
        demo.releaseHeld(settle);
        Demo.require(subjects(COD_EMAIL).size() == 1, "Hülya heard of her delivery day before 08:00: " + subjects(COD_EMAIL));
        demo.advanceTo(deliveryDay.atTime(8, 1).atZone(LocalPlatform.ISTANBUL).toInstant());
        demo.releaseHeld(settle);
        demo.releaseHeld(settle); // the schedule runs again: the morning is told once
        List<String> hulya = subjects(COD_EMAIL);
        Demo.require(hulya.size() == 2 && hulya.get(1).contains("kapıda ödeme 1.249,90 TL"), "Hülya's mails: " + hulya);
        String answer = confirmCashOnDelivery();
        demo.say("18. Hülya pays at the door: her parcel's ETA is " + deliveryDay + "; at 08:00 that day (the local clock) the rule "
                + "evaluator's schedule found her shipment in its due-wakes index and the time rule sent the amount (1.249,90 TL), "
                + "the POS information and the confirmation link, once, though no carrier scanned it that morning; she opened the "
                + "link and confirmed, and the orders API records her answer (GET /answers?orderId=WEB-1042: " + answer + ")");

        demo.advanceTo(deliveryDay.atTime(8, 31).atZone(LocalPlatform.ISTANBUL).toInstant());
        demo.releaseHeld(settle);
        String summaryKey = "daily-summary/" + today;
        String exceptionsKey = "exception-report/" + today;
        List<HelpdeskSandbox.Received> reports = platform.helpdesk().alerts().stream()
                .filter(a -> a.body().contains(summaryKey) || a.body().contains(exceptionsKey)).toList();
        Demo.require(reports.size() == 2, "operations got " + reports.size() + " of the two daily reports of " + today);
        HelpdeskSandbox.Received exceptions = reports.stream().filter(a -> a.body().contains(exceptionsKey)).findFirst().orElseThrow();
        Demo.require(exceptions.body().contains(VIP) && exceptions.body().contains(ADDRESS),
                "the exception report lacks Selin's or Derya's parcel: " + exceptions.body());
        List<String> derya = subjects("derya@musteri.example");
        Demo.require(derya.get(derya.size() - 1).contains("adresini bekliyor"), "Derya's mails: " + derya);
        demo.say("19. Derya has not given her new address: a day after the form, the time rule sent her a reminder while the parcel "
                + "still waits for it");
        demo.say("20. at 08:30 operations got yesterday's (" + today + ") daily summary and exception report on their chat webhook: "
                + "the messages decided by kind and channel, the alerts and the ticket, and the exceptions line by line (Selin's "
                + "second failed attempt and its ticket, Derya's incomplete address)");
    }

    /**
     * What Hülya does with her mail: follows its confirmation link (a tracked link, which leads to the answer page), and
     * answers on the page's form; then what operations read of it.
     *
     * @return the answer as {@code GET /answers} gives it
     */
    private String confirmCashOnDelivery() {
        List<com.fasterxml.jackson.databind.JsonNode> mails = Mailbox.of(platform.emulators().sesStore()).to(COD_EMAIL);
        java.util.regex.Matcher link = CONFIRM_LINK.matcher(mails.get(mails.size() - 1).path("body").path("text").asText());
        Demo.require(link.find(), "Hülya's mail has no confirmation link");
        HttpResponse<String> clicked = demo.send("GET", link.group(1), "text/plain", Map.of(), "");
        String page = clicked.headers().firstValue("Location").map(l -> java.net.URI.create(l).getRawPath()).orElse(null);
        Demo.require(clicked.statusCode() == 302 && page != null && page.startsWith("/a/"), "the confirmation link led to "
                + clicked.statusCode() + " " + page);
        HttpResponse<String> form = demo.send("GET", page, "text/html", Map.of(), "");
        java.util.regex.Matcher token = FORM_TOKEN.matcher(form.body());
        Demo.require(form.statusCode() == 200 && token.find(), "the answer page did not open: " + form.statusCode());
        HttpResponse<String> answered = demo.post(page, "application/x-www-form-urlencoded", Map.of("Sec-Fetch-Site", "same-origin"),
                "answer=confirmed&form=" + java.net.URLEncoder.encode(token.group(1), java.nio.charset.StandardCharsets.UTF_8));
        Demo.require(answered.statusCode() == 200, "the answer was refused: " + answered.statusCode());
        HttpResponse<String> answers = demo.send("GET", "/answers?orderId=WEB-1042", "application/json",
                Map.of("x-api-key", LocalPlatform.ORDERS_API_KEY), "");
        Demo.require(answers.statusCode() == 200, "GET /answers: " + answers.statusCode() + " " + answers.body());
        try {
            com.fasterxml.jackson.databind.JsonNode first = io.kargotakip.aws.Json.MAPPER.readTree(answers.body()).path("answers").path(0);
            Demo.require("confirmed".equals(first.path("answer").asText()), "GET /answers: " + answers.body());
            return first.path("question").asText() + " " + first.path("answer").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The path of a mail's COD confirmation link ({@code cod_confirm_link}). */
    private static final java.util.regex.Pattern CONFIRM_LINK = java.util.regex.Pattern.compile("https?://[^/\\s]+(/c/[^\\s/]+/odeme-teyit)");
    /** The answer page's form token. */
    private static final java.util.regex.Pattern FORM_TOKEN = java.util.regex.Pattern.compile("name=\"form\" value=\"([^\"]+)\"");

    private void push(String parcel, UpsSandbox.Scan scan) {
        push(parcel, scan, java.time.LocalDate.of(2026, 12, 4));
    }

    private void push(String parcel, UpsSandbox.Scan scan, java.time.LocalDate scheduledDelivery) {
        HttpResponse<String> r = demo.post("/webhooks/ups", "application/json", Map.of("Authorization", "Bearer " + LocalPlatform.UPS_WEBHOOK_CREDENTIAL),
                UpsSandbox.push(parcel, scan, scheduledDelivery.format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)));
        Demo.require(r.statusCode() == 202, "UPS push refused: " + r.statusCode() + " " + r.body());
    }


    private List<String> subjects(String recipient) {
        return Mailbox.of(platform.emulators().sesStore()).to(recipient).stream().map(m -> m.path("subject").asText()).toList();
    }
}
