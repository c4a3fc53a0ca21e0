package io.kargotakip.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.store.ShipmentRepository;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.Emulators;
import io.kargotakip.emulators.Mailbox;
import io.kargotakip.emulators.ups.UpsSandbox;
import io.kargotakip.local.runtime.LocalFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged functions under failure, as on Lambda: 200 parcels, each of their three scans pushed
 * three times in shuffled order by concurrent clients (which retry a 5xx, as carriers do), while each
 * stage's process is killed once mid-run. Afterwards every parcel has exactly one mail per notification
 * the pipeline sent, none twice, none out of order (a message overtaken by a later status is held back),
 * and no dead letter is left (a DLQ message, if
 * any, is redriven and delivers what was missing). Visibility timeouts run at 0.15x the template's.
 */
class FaultRecoveryIT {

    static final int PARCELS = 200;
    static final int CLIENTS = 8;
    static final List<String> KILLED = List.of("webhook-receiver", "normalizer", "rule-evaluator", "sender");
    static final List<UpsSandbox.Scan> SCANS = List.of(Demo.ORIGIN, Demo.OUT, Demo.DELIVERED);
    static final List<String> SUBJECTS = List.of("ModaX: siparişin kargoya verildi", "ModaX: siparişin bugün dağıtımda",
            "ModaX: siparişin teslim edildi");

    static LocalPlatform platform;
    static final Map<String, Long> replacements = new HashMap<>();
    static final AtomicInteger retriedPushes = new AtomicInteger();
    static String redriveOutput = "";

    @BeforeAll
    static void replayWhileKillingEveryStage() throws Exception {
        Path root = Emulators.projectRoot();
        platform = LocalPlatform.start(new LocalPlatform.Options(root, 0, Duration.ofHours(1), root.resolve("infra/local/target/it-fault-logs"))
                .withTimeScale(0.15), line -> { });
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (int from = 0; from < PARCELS; from += 50) {
            StringBuilder csv = new StringBuilder("order_id,first_name,email,locale,consent_email,carrier,tracking_number\n");
            for (int i = from; i < from + 50; i++) {
                csv.append("FAULT-").append(i).append(",Ayşe,").append(recipient(i)).append(",tr,true,ups,").append(tracking(i)).append('\n');
            }
            assertThat(post(http, "/orders", "text/csv", "x-api-key", LocalPlatform.ORDERS_API_KEY, csv.toString())).isEqualTo(201);
        }

        List<String> pushes = new ArrayList<>();
        for (int i = 0; i < PARCELS; i++) {
            for (UpsSandbox.Scan scan : SCANS) {
                for (int copy = 0; copy < 3; copy++) {
                    pushes.add(UpsSandbox.push(tracking(i), scan, "20261126"));
                }
            }
        }
        Collections.shuffle(pushes, new Random(5));
        ConcurrentLinkedQueue<String> todo = new ConcurrentLinkedQueue<>(pushes);
        AtomicInteger sent = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                String body;
                while ((body = todo.poll()) != null) {
                    pushUntilAccepted(http, body);
                    sent.incrementAndGet();
                }
                return null;
            }));
        }
        // one kill per stage, spread over the replay
        for (int k = 0; k < KILLED.size(); k++) {
            int at = pushes.size() * (k + 1) / (KILLED.size() + 2);
            while (sent.get() < at) {
                LocalPlatform.sleep(Duration.ofMillis(10));
            }
            LocalFunction function = platform.functions().get(KILLED.get(k));
            // The sender dies between invocations: killed between SES accepting a mail and the SENT write it
            // would send that mail again after its lease, the one window the product documents. The other
            // stages die holding their batch, which their source retries.
            while (function.name().equals("sender") && function.runtimeApi().running() > 0) {
                Thread.onSpinWait();
            }
            ProcessHandle.of(function.processes().get(0).pid()).ifPresent(ProcessHandle::destroyForcibly); // SIGKILL, as the OOM killer does
        }
        for (Future<?> f : running) {
            f.get();
        }
        clients.shutdown();
        platform.awaitQuiet(Duration.ofSeconds(150));
        KILLED.forEach(name -> replacements.put(name, platform.functions().get(name).replacements()));

        if (dlqDepth() > 0) { // possible when a killed batch used up its receives: the operator's redrive
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DeadLetters dlq = DeadLetters.of(platform)) {
                PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
                dlq.list(print);
                for (String queue : KargoQueues.NAMES) {
                    dlq.redrive(queue, null, print);
                }
            }
            redriveOutput = out.toString(StandardCharsets.UTF_8);
            platform.awaitQuiet(Duration.ofSeconds(150));
        }
        // the default rules hold 'out for delivery' 10 minutes to coalesce it: past them, the schedule's run finds the
        // parcels delivered since and drops those messages (superseded), the way the demo does
        platform.clock().advanceTo(platform.clock().instant().plus(Duration.ofMinutes(11)));
        var released = platform.releaseHeld().fireNow().join();
        assertThat(released.isError()).as(released.errorMessage()).isFalse();
        platform.awaitQuiet(Duration.ofSeconds(150));
    }

    @AfterAll
    static void stop() {
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    void everyKilledStageWasReplaced() {
        assertThat(replacements).allSatisfy((name, count) -> assertThat(count).as(name).isGreaterThanOrEqualTo(1));
    }

    @Test
    void everyParcelIsDeliveredWithOneMailPerDecidedNotificationNoneTwiceNoneOutOfOrder() {
        Map<String, List<String>> subjectsByRecipient = new HashMap<>();
        for (JsonNode mail : Mailbox.of(platform.emulators().sesStore()).all()) {
            mail.path("destination").path("to").forEach(to ->
                    subjectsByRecipient.computeIfAbsent(to.asText(), k -> new ArrayList<>()).add(mail.path("subject").asText()));
        }
        Map<String, Long> notificationsByShipment = sentNotificationsByShipment();
        var shipments = new ShipmentRepository(platform.dynamo(), platform.tables().shipments());
        for (int i = 0; i < PARCELS; i++) {
            ShipmentId id = new ShipmentId("ups", tracking(i));
            assertThat(shipments.find(id).orElseThrow().status()).as("parcel %d", i).isEqualTo(TrackingStatus.DELIVERED);
            List<String> subjects = subjectsByRecipient.getOrDefault(recipient(i), List.of());
            assertThat(subjects).as("parcel %d mails", i).doesNotHaveDuplicates().isNotEmpty().endsWith(SUBJECTS.get(2));
            List<Integer> order = subjects.stream().map(SUBJECTS::indexOf).toList();
            assertThat(order).as("parcel %d: mails in status order %s", i, subjects).doesNotContain(-1).isSorted();
            assertThat((long) subjects.size()).as("parcel %d: one mail per notification decided", i)
                    .isEqualTo(notificationsByShipment.getOrDefault(id.toString(), 0L));
        }
    }

    @Test
    void everyNotificationIsSentOrHeldBackAsSupersededAndNoDeadLetterIsLeft() {
        // held back: its send was retried after the shipment moved on, and it would have arrived out of order
        List<Map<String, AttributeValue>> unsent = platform.dynamo().scanPaginator(b -> b.tableName(platform.tables().notifications()))
                .items().stream().filter(item -> !"SENT".equals(item.get("state").s()))
                .filter(item -> !("SUPPRESSED".equals(item.get("state").s()) && item.get("outcome").s().startsWith("superseded")))
                .toList();
        assertThat(unsent).as("notifications neither sent nor superseded").isEmpty();
        assertThat(dlqDepth()).as("dead letters left (redrive said: %s)", redriveOutput).isZero();
    }

    private static Map<String, Long> sentNotificationsByShipment() {
        Map<String, Long> counts = new HashMap<>();
        platform.dynamo().scanPaginator(b -> b.tableName(platform.tables().notifications())).items().forEach(item -> {
            if ("SENT".equals(item.get("state").s())) {
                counts.merge(item.get("shipmentId").s(), 1L, Long::sum);
            }
        });
        return counts;
    }

    private static long dlqDepth() {
        long total = 0;
        for (String queue : KargoQueues.NAMES) {
            Map<QueueAttributeName, String> a = platform.sqs().getQueueAttributes(b -> b.queueUrl(platform.queues().dlq(queue)).attributeNames(
                    QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
            for (String v : a.values()) {
                total += Long.parseLong(v);
            }
        }
        return total;
    }

    /** As a carrier does: a 5xx or a dropped connection is retried; anything but 202 after that fails the test. */
    private static void pushUntilAccepted(HttpClient http, String body) throws Exception {
        for (int attempt = 1; ; attempt++) {
            int status;
            try {
                status = post(http, "/webhooks/ups", "application/json", "Authorization", "Bearer " + LocalPlatform.UPS_WEBHOOK_CREDENTIAL, body);
            } catch (java.io.IOException dropped) {
                status = 599;
            }
            if (status == 202) {
                return;
            }
            assertThat(status).as("push refused").isGreaterThanOrEqualTo(500);
            assertThat(attempt).as("push attempts").isLessThan(60);
            retriedPushes.incrementAndGet();
            LocalPlatform.sleep(Duration.ofMillis(200L * Math.min(attempt, 5)));
        }
    }

    private static int post(HttpClient http, String path, String type, String header, String value, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(platform.httpApi().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", type).header(header, value).POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String tracking(int i) {
        return String.format("1ZFAULT%010d", i);
    }

    private static String recipient(int i) {
        return "fault" + i + "@musteri.example";
    }
}
