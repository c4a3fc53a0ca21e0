package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.Mailbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * End to end against the packaged artifacts: every function runs from its own runner jar under the
 * Lambda Runtime API, fed by SQS event sources and the HTTP front, exactly as {@code ./kargo demo}
 * runs them. UPS reports parcel A by push and by poll, each twice and out of order.
 */
class PipelineIT {

    static LocalPlatform platform;
    static Demo.Summary summary;
    static final List<String> progress = new ArrayList<>();

    @BeforeAll
    static void runTheDemoScenario() {
        var root = Emulators.projectRoot();
        platform = LocalPlatform.start(new LocalPlatform.Options(root, 0, Duration.ofHours(1),
                root.resolve("infra/local/target/it-logs")), progress::add);
        summary = new Demo(platform, progress::add).run();
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void push_and_poll_each_twice_and_out_of_order_give_one_email_per_status_and_delivered_within_ten_minutes_wins() {
        List<JsonNode> mails = mailsTo("ayse@musteri.example");
        // her 'out for delivery' waited the default rules' 10 minutes; 'delivered' came within them and was told instead
        assertThat(mails).extracting(m -> m.path("subject").asText()).containsExactly(
                "ModaX: siparişin kargoya verildi", "ModaX: siparişin teslim edildi");
        assertThat(mails.get(0).path("body").path("text").asText())
                .startsWith("Ayşe, siparişin kargoya verildi. Takip: " + platform.httpApi() + "/c/")
                .contains("Kargo: UPS | Tahmini teslim: 26 Kasım 2026");
        assertThat(mails.get(1).path("body").path("text").asText()).contains("Sipariş no: 1001");
        var notifications = new io.kargotakip.aws.store.NotificationRepository(platform.dynamo(), platform.tables().notifications(), Duration.ofDays(30));
        assertThat(notifications.find(io.kargotakip.core.notification.NotificationIntent.idFor(new ShipmentId("ups", Demo.A),
                io.kargotakip.core.notification.MessageKind.OUT_FOR_DELIVERY, "email")).orElseThrow().state())
                .isEqualTo(io.kargotakip.aws.store.NotificationRepository.State.SUPPRESSED);
        var shipments = new ShipmentRepository(platform.dynamo(), platform.tables().shipments());
        assertThat(shipments.find(new ShipmentId("ups", Demo.A)).orElseThrow().status()).isEqualTo(TrackingStatus.DELIVERED);
    }

    @Test
    void a_failed_attempt_says_why_and_a_delay_speaks_the_customers_language() {
        assertThat(mailsTo("mehmet@musteri.example")).extracting(m -> m.path("body").path("text").asText()).last().asString()
                .contains("Teslim edilemedi. Nedeni: adreste kimse bulunamadı.");
        // more than a day past the ETA she was told: the default rules' apology, with a code drawn from the pool
        List<JsonNode> emily = mailsTo("emily@customer.example");
        assertThat(emily).extracting(m -> m.path("subject").asText())
                .containsExactly("ModaX: your order has shipped", "ModaX: we are sorry for the delay");
        assertThat(emily.get(1).path("body").path("text").asText()).containsPattern("MODAX-OZUR-[0-9A-Z]{4}").contains("10");
    }

    @Test
    void a_push_with_expect_100_continue_gets_its_202() throws Exception {
        // curl sends Expect: 100-continue for bodies over 1 KB; passed to the function, it got "100 Continue" as its answer
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(platform.httpApi().resolve("/webhooks/ups"))
                .expectContinue(true).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + LocalPlatform.UPS_WEBHOOK_CREDENTIAL)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(io.kargotakip.emulators.ups.UpsSandbox.push(Demo.A, Demo.DELIVERED, "20261126")))
                .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Test
    void the_outbox_lists_every_message_masked_with_its_state_text_and_fee() throws Exception {
        Outbox outbox = Outbox.read(new io.kargotakip.aws.store.NotificationRepository(platform.dynamo(), platform.tables().notifications(),
                Duration.ofDays(30)));
        var printed = new java.io.ByteArrayOutputStream();
        outbox.print(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        String text = printed.toString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(text).contains("a***@musteri.example").doesNotContain("ayse@musteri.example");
        assertThat(text).contains("\"ModaX: siparişin teslim edildi\"");
        assertThat(text).contains("no consent for email"); // Zeynep's
        // 27 mails, each at SES's $0.10 per 1,000
        assertThat(text.lines().filter(l -> l.startsWith("email ") && l.contains(" SENT ")))
                .hasSize(27).allSatisfy(l -> assertThat(l).contains("$0.0001"));
        // Kerem's app got the push: his e-mail waits as its stand-in, held, never sent
        assertThat(text.lines().filter(l -> l.startsWith("push ") && l.contains(" SENT "))).hasSize(1);
        assertThat(text.lines().filter(l -> l.startsWith("email ") && l.contains(" DEFERRED "))).isNotEmpty();
        assertThat(text.lines().reduce((a, b) -> b).orElseThrow()).matches("\\d+ messages, \\d+ sent, \\$\\d+\\.\\d{4}");
        var json = new java.io.ByteArrayOutputStream();
        outbox.printJson(new java.io.PrintStream(json, true, java.nio.charset.StandardCharsets.UTF_8));
        var page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(platform.outboxPage()).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).contains("text/html; charset=utf-8");
        assertThat(page.body()).contains("a***@musteri.example").contains("&quot;ModaX: siparişin teslim edildi&quot;")
                .doesNotContain("ayse@musteri.example");
        assertThat(json.toString(java.nio.charset.StandardCharsets.UTF_8).lines().map(l -> io.kargotakip.aws.Json.read(l, java.util.Map.class)))
                .allSatisfy(row -> assertThat(row).containsKeys("channel", "recipient", "kind", "state", "text", "deliveries", "feeUsd"))
                .noneSatisfy(row -> assertThat(String.valueOf(row.get("recipient"))).contains("ayse@"));
    }

    @Test
    void the_links_of_a_local_mail_reach_the_local_orders_api_a_click_is_recorded_and_redirected_the_pixel_counted() throws Exception {
        JsonNode delivered = mailsTo("ayse@musteri.example").get(1);
        String text = delivered.path("body").path("text").asText();
        String html = delivered.path("body").path("html").asText();
        java.util.regex.Matcher click = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(platform.httpApi() + "/c/") + "(n-[0-9a-f]+)\\.[A-Za-z0-9_-]+(/anket)?")
                .matcher(text);
        assertThat(click.find()).as(text).isTrue();
        String notificationId = click.group(1);
        java.util.regex.Matcher pixel = java.util.regex.Pattern.compile("<img src=\"(" + java.util.regex.Pattern.quote(platform.httpApi() + "/o/")
                + "[^\"]+)\"").matcher(html);
        assertThat(pixel.find()).as(html).isTrue();
        var http = java.net.http.HttpClient.newBuilder().followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();

        var redirect = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(click.group())).header("User-Agent", "Mozilla/5.0")
                .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).get().asString().startsWith(platform.httpApi() + "/t/");
        var gif = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(pixel.group(1))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gif.statusCode()).isEqualTo(200);
        assertThat(gif.headers().firstValue("Content-Type")).contains("image/gif");
        assertThat(new String(gif.body(), 0, 6, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("GIF89a");
        var notifications = new io.kargotakip.aws.store.NotificationRepository(platform.dynamo(), platform.tables().notifications(), Duration.ofDays(30));
        assertThat(notifications.interactions(notificationId))
                .containsEntry(io.kargotakip.aws.store.NotificationRepository.Delivery.CLICKED, 1L)
                .containsEntry(io.kargotakip.aws.store.NotificationRepository.Delivery.OPENED, 1L);
        java.util.regex.Matcher optOut = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(platform.httpApi() + "/u/") + "\\S+").matcher(text);
        assertThat(optOut.find()).isTrue();
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(optOut.group())).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode()).as("the opt-out page").isEqualTo(200);
    }

    @Test
    void a_vip_s_second_failed_attempt_opens_one_ticket_in_the_helpdesk_without_the_customer_s_contact_in_its_subject() {
        var tickets = platform.helpdesk().tickets().stream().filter(t -> t.body().contains(RuleScenes.VIP)).toList();
        assertThat(tickets).singleElement().satisfies(t -> {
            assertThat(t.idempotencyKey()).isEqualTo("ups:" + RuleScenes.VIP + "/vip_failed_attempt_support/attempt=2");
            assertThat(t.body()).contains("\"priority\":\"high\"").contains("vip");
        });
        assertThat(mailsTo("selin@musteri.example")).extracting(m -> m.path("subject").asText()).last().asString().contains("canlı destek");
        assertThat(mailsTo("derya@musteri.example")).extracting(m -> m.path("body").path("text").asText()).last().asString()
                .contains(platform.httpApi() + "/c/").contains("/adres");
    }

    @Test
    void every_demo_parcel_has_its_tracking_page_on_the_local_http_api() throws Exception {
        List<String> pages = new Demo(platform, line -> { }).trackingPages();
        assertThat(pages).as("one per parcel").hasSize(27).allSatisfy(l -> assertThat(l).contains(": " + platform.httpApi() + "/t/"));
        String ayse = pages.stream().filter(l -> l.startsWith("ups " + Demo.A + ": ")).findFirst().orElseThrow();
        var page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(ayse.substring(ayse.indexOf(": ") + 2))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1 id=\"status\">Teslim edildi</h1>").contains("Sipariş 1001").doesNotContain("ayse@");
        assertThat(new Demo(platform, line -> { }).trackingPages()).as("the same tokens each time").isEqualTo(pages);
    }

    @Test
    void no_consent_no_mail() {
        assertThat(mailsTo("zeynep@musteri.example")).isEmpty();
    }

    @Test
    void the_summary_counts_what_happened_and_nothing_is_left_in_a_dead_letter_queue() {
        assertThat(summary.shipments()).as("the 25 ordered, and 2 found through the marketplaces").isEqualTo(27);
        assertThat(summary.carriers()).as("every carrier of the brief reported a status").isEqualTo(10);
        assertThat(summary.notifications()).isEqualTo(36);
        assertThat(summary.byChannel()).as("27 mails (Ayşe's 'out for delivery' coalesced into her 'delivered'; Selin's and Derya's of the rules, Derya's reminder, Hülya's 'shipped' and her cash-on-delivery morning); WhatsApp: Selim's and, after two hours on the local clock, Pelin's and Can's; "
                + "SMS: Nur's, Can's and Sevgi's (at 08:00) and Mehmet's after six hours; Kerem's app push; Deniz's web push")
                .isEqualTo(java.util.Map.of("email", 27L, "whatsapp", 3L, "sms", 4L, "push", 1L, "webpush", 1L));
        assertThat(summary.duplicatesSuppressed()).isGreaterThanOrEqualTo(8);
        assertThat(Mailbox.of(platform.emulators().sesStore()).all()).hasSize(27);
        for (String queue : io.kargotakip.aws.queue.KargoQueues.NAMES) {
            String dlq = platform.queues().dlq(queue);
            String visible = platform.sqs().getQueueAttributes(b -> b.queueUrl(dlq)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            assertThat(visible).as(queue + " DLQ").isEqualTo("0");
        }
        assertThat(progress).anyMatch(line -> line.contains("wrong credential got 401"));
    }

    @Test
    void a_whatsapp_message_reaches_the_graph_api_sandbox_its_statuses_come_back_through_the_webhook_and_a_dur_reply_stops_the_next() {
        String phone = "+905557770011";
        java.time.Instant now = java.time.Instant.now();
        ShipmentId shipment = new ShipmentId("ups", "1ZWA00000000000001");
        new io.kargotakip.aws.store.OrderRepository(platform.dynamo(), platform.tables().orders()).save(new io.kargotakip.core.order.Order(
                "WA-1", "2001", "web", new io.kargotakip.core.order.Customer("Elif", java.util.Map.of(io.kargotakip.core.channel.ContactKind.PHONE, phone), "tr"),
                io.kargotakip.core.order.Consent.none().with("whatsapp", true, now), List.of(shipment), now));
        var notifications = new io.kargotakip.aws.store.NotificationRepository(platform.dynamo(), platform.tables().notifications(), Duration.ofDays(30));

        String first = queueWhatsApp(notifications, shipment, io.kargotakip.core.notification.MessageKind.OUT_FOR_DELIVERY,
                TrackingStatus.OUT_FOR_DELIVERY, now);
        var sent = await(() -> platform.whatsApp().sent().stream().filter(m -> m.to().equals(phone)).findFirst());
        assertThat(sent.templateName()).isEqualTo("kargo_dagitimda");
        assertThat(sent.language()).isEqualTo("tr");
        assertThat(sent.parameters()).startsWith("Elif", "UPS", "1ZWA00000000000001");
        await(() -> notifications.find(first).filter(n -> sent.wamid().equals(n.providerMessageId())));

        var webhook = platform.httpApi().resolve("/channels/whatsapp/webhook");
        String secret = io.kargotakip.emulators.LocalSettings.WHATSAPP_APP_SECRET;
        String digits = phone.substring(1);
        assertThat(io.kargotakip.emulators.whatsapp.WhatsAppSandbox.report(webhook, "not-the-app-secret",
                io.kargotakip.emulators.whatsapp.WhatsAppSandbox.statusNotification(sent.wamid(), "read", digits, now.plusSeconds(90), null)))
                .as("a forged status").isEqualTo(401);
        assertThat(notifications.delivery(first)).isEmpty();
        for (String status : List.of("sent", "delivered", "read")) {
            assertThat(io.kargotakip.emulators.whatsapp.WhatsAppSandbox.report(webhook, secret,
                    io.kargotakip.emulators.whatsapp.WhatsAppSandbox.statusNotification(sent.wamid(), status, digits, now.plusSeconds(30), null)))
                    .as(status).isEqualTo(200);
        }
        assertThat(notifications.delivery(first).orElseThrow().latest().status())
                .isEqualTo(io.kargotakip.aws.store.NotificationRepository.Delivery.READ);

        assertThat(io.kargotakip.emulators.whatsapp.WhatsAppSandbox.report(webhook, secret,
                io.kargotakip.emulators.whatsapp.WhatsAppSandbox.textNotification(digits, "Elif", "DUR", now.plusSeconds(120)))).isEqualTo(200);
        String second = queueWhatsApp(notifications, shipment, io.kargotakip.core.notification.MessageKind.DELIVERED, TrackingStatus.DELIVERED,
                now.plusSeconds(3600));
        await(() -> notifications.find(second).filter(n -> n.state() == io.kargotakip.aws.store.NotificationRepository.State.SUPPRESSED));
        assertThat(platform.whatsApp().sent()).filteredOn(m -> m.to().equals(phone)).as("nothing after DUR").hasSize(1);
    }

    /** Stores a WhatsApp intent and queues it, as the rule evaluator does for its channels. */
    private static String queueWhatsApp(io.kargotakip.aws.store.NotificationRepository notifications, ShipmentId shipment,
                                        io.kargotakip.core.notification.MessageKind kind, TrackingStatus status, java.time.Instant at) {
        var intent = io.kargotakip.core.notification.NotificationIntent.of(new io.kargotakip.core.notification.StatusChange(shipment, "WA-1", null,
                status, null, at, null, null, null, "wa-" + status), kind, "whatsapp");
        notifications.createIfAbsent(intent, at);
        platform.sqs().sendMessage(b -> b.queueUrl(platform.queues().outbound())
                .messageBody(io.kargotakip.aws.Json.write(new io.kargotakip.aws.queue.Envelope.OutboundMessage("wa-trace", intent.notificationId()))));
        return intent.notificationId();
    }

    private static <T> T await(java.util.function.Supplier<java.util.Optional<T>> probe) {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        while (java.time.Instant.now().isBefore(deadline)) {
            var found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            LocalPlatform.sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("not within 60 s; see " + platform.options().logDir());
    }

    private static List<JsonNode> mailsTo(String recipient) {
        return Mailbox.of(platform.emulators().sesStore()).to(recipient);
    }
}
