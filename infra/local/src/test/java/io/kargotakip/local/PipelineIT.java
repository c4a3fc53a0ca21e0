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
    void push_and_poll_each_twice_and_out_of_order_give_one_email_per_status() {
        List<JsonNode> mails = mailsTo("ayse@musteri.example");
        assertThat(mails).extracting(m -> m.path("subject").asText()).containsExactly(
                "ModaX: siparişin kargoya verildi", "ModaX: siparişin bugün dağıtımda", "ModaX: siparişin teslim edildi");
        assertThat(mails.get(0).path("body").path("text").asText())
                .startsWith("Ayşe, siparişin kargoya verildi. Takip: https://takip.modax.example/t/")
                .contains("Kargo: UPS | Tahmini teslim: 26 Kasım 2026");
        assertThat(mails.get(2).path("body").path("text").asText()).contains("Sipariş no: 1001");
        var shipments = new ShipmentRepository(platform.dynamo(), platform.tables().shipments());
        assertThat(shipments.find(new ShipmentId("ups", Demo.A)).orElseThrow().status()).isEqualTo(TrackingStatus.DELIVERED);
    }

    @Test
    void a_failed_attempt_says_why_and_a_delay_speaks_the_customers_language() {
        assertThat(mailsTo("mehmet@musteri.example")).extracting(m -> m.path("body").path("text").asText()).last().asString()
                .contains("Teslim edilemedi. Nedeni: adreste kimse bulunamadı.");
        assertThat(mailsTo("emily@customer.example")).extracting(m -> m.path("subject").asText())
                .containsExactly("ModaX: your order has shipped", "ModaX: your order is delayed");
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
    void the_outbox_lists_every_message_masked_with_its_state_text_and_fee() {
        Outbox outbox = Outbox.read(new io.kargotakip.aws.store.NotificationRepository(platform.dynamo(), platform.tables().notifications(),
                Duration.ofDays(30)));
        var printed = new java.io.ByteArrayOutputStream();
        outbox.print(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        String text = printed.toString(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(text).contains("a***@musteri.example").doesNotContain("ayse@musteri.example");
        assertThat(text).contains("\"ModaX: siparişin teslim edildi\"");
        assertThat(text).contains("no consent for email"); // Zeynep's
        // 18 mails at SES's $0.10 per 1,000
        assertThat(text).contains(" 18 sent, $0.0018");
        var json = new java.io.ByteArrayOutputStream();
        outbox.printJson(new java.io.PrintStream(json, true, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(json.toString(java.nio.charset.StandardCharsets.UTF_8).lines().map(l -> io.kargotakip.aws.Json.read(l, java.util.Map.class)))
                .allSatisfy(row -> assertThat(row).containsKeys("channel", "recipient", "kind", "state", "text", "deliveries", "feeUsd"))
                .noneSatisfy(row -> assertThat(String.valueOf(row.get("recipient"))).contains("ayse@"));
    }

    @Test
    void no_consent_no_mail() {
        assertThat(mailsTo("zeynep@musteri.example")).isEmpty();
    }

    @Test
    void the_summary_counts_what_happened_and_nothing_is_left_in_a_dead_letter_queue() {
        assertThat(summary.shipments()).as("the 13 ordered, and 2 found through the marketplaces").isEqualTo(15);
        assertThat(summary.carriers()).as("every carrier of the brief reported a status").isEqualTo(10);
        assertThat(summary.notifications()).isEqualTo(18);
        assertThat(summary.duplicatesSuppressed()).isGreaterThanOrEqualTo(8);
        assertThat(Mailbox.of(platform.emulators().sesStore()).all()).hasSize(18);
        for (String queue : io.kargotakip.aws.queue.KargoQueues.NAMES) {
            String dlq = platform.queues().dlq(queue);
            String visible = platform.sqs().getQueueAttributes(b -> b.queueUrl(dlq)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            assertThat(visible).as(queue + " DLQ").isEqualTo("0");
        }
        assertThat(progress).anyMatch(line -> line.contains("wrong credential got 401"));
    }

    private static List<JsonNode> mailsTo(String recipient) {
        return Mailbox.of(platform.emulators().sesStore()).to(recipient);
    }
}
