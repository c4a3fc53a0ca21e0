package io.kargotakip.local;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.store.FailureLog;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code kargo dlq} and {@code kargo dlq redrive} against ElasticMQ and dynalite, through the real SDK. */
class DeadLettersTest {

    static SqsClient sqs;
    static DynamoDbClient dynamo;
    static String prefix;
    static TableNames tables;
    static KargoQueues.Urls queues;

    @BeforeAll
    static void stack() {
        Emulators emulators = Emulators.shared();
        sqs = AwsClients.sqs(emulators.sqs());
        dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
        prefix = "d" + UUID.randomUUID().toString().substring(0, 8) + "-";
        tables = TableNames.withPrefix(prefix);
        KargoTables.createAll(dynamo, tables);
        queues = KargoQueues.createAll(sqs, prefix, 30);
    }

    @AfterAll
    static void close() {
        sqs.close();
        dynamo.close();
    }

    @Test
    void listsEachDeadLetterWithItsSourceReceivesAgeAndRecordedReasonThenRedrivesIt() throws Exception {
        String failed = deadLetter("{\"n\":1}");
        String crashed = deadLetter("{\"n\":2}");
        new FailureLog(dynamo, tables.failures(), "normalizer", Clock.systemUTC())
                .record(failed, prefix + "raw-events", new IllegalStateException("carrier payload for ayse@musteri.example"), 5);

        try (DeadLetters dlq = dlq()) {
            String listing = run(dlq::list);
            assertThat(listing).contains("raw-events-dlq: 2 messages", "status-changes-dlq: 0 messages", "outbound-dlq: 0 messages");
            assertThat(listing.lines().filter(l -> l.contains(failed)).findFirst().orElseThrow())
                    .contains("from raw-events", "receives 5", "age ", "normalizer: IllegalStateException at DeadLettersTest.")
                    .doesNotContain("ayse");
            assertThat(listing.lines().filter(l -> l.contains(crashed)).findFirst().orElseThrow())
                    .contains("from raw-events", "receives ?", "no failure recorded");

            assertThat(run(out -> dlq.redrive("raw-events-dlq", 1, out))).isEqualTo("moved 1 message from raw-events-dlq back to raw-events\n");
            assertThat(run(out -> dlq.redrive("raw-events", null, out))).isEqualTo("moved 1 message from raw-events-dlq back to raw-events\n");
            assertThat(run(dlq::list)).contains("raw-events-dlq: 0 messages");
        }
        List<String> back = new ArrayList<>();
        for (int i = 0; i < 5 && back.size() < 2; i++) {
            sqs.receiveMessage(b -> b.queueUrl(queues.rawEvents()).maxNumberOfMessages(10).waitTimeSeconds(1)).messages()
                    .forEach(m -> back.add(m.body()));
        }
        assertThat(back).containsExactlyInAnyOrder("{\"n\":1}", "{\"n\":2}");
    }

    @Test
    void anUnknownQueueIsBadInput() {
        assertThatThrownBy(() -> DeadLetters.sourceQueue("orders")).isInstanceOf(Main.UsageError.class)
                .hasMessage("unknown queue 'orders'; one of raw-events, status-changes, outbound, poll-work, amazon-notifications, channel-events");
    }

    /** Sends a message and receives it past maxReceiveCount, so the queue's redrive policy moves it to the DLQ. */
    private static String deadLetter(String body) {
        String id = sqs.sendMessage(b -> b.queueUrl(queues.rawEvents()).messageBody(body)).messageId();
        for (int i = 0; i <= KargoQueues.MAX_RECEIVE_COUNT; i++) {
            List<Message> got = sqs.receiveMessage(b -> b.queueUrl(queues.rawEvents()).visibilityTimeout(0).waitTimeSeconds(1)).messages();
            if (got.isEmpty()) {
                break;
            }
        }
        return id;
    }

    private static DeadLetters dlq() {
        Emulators e = Emulators.shared();
        return DeadLetters.of(e.sqs(), e.dynamoDb(), prefix, tables.failures());
    }

    interface Command {
        int run(PrintStream out) throws Exception;
    }

    private static String run(Command command) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        command.run(new PrintStream(buf, true, StandardCharsets.UTF_8));
        return buf.toString(StandardCharsets.UTF_8);
    }
}
