package io.kargotakip.aws.store;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.SqsBatch;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What a stage records when it fails an SQS message, against dynalite. */
class FailureLogTest {

    static DynamoDbClient dynamo;
    static TableNames tables;

    @BeforeAll
    static void tables() {
        dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        tables = TableNames.withPrefix("f" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, tables);
    }

    @Test
    void aFailedRecordLeavesItsQueueStageReceiveCountAndAReasonWithoutThePayload() {
        FailureLog log = new FailureLog(dynamo, tables.failures(), "sender", Clock.systemUTC());
        SQSEvent.SQSMessage message = message("m-" + UUID.randomUUID(), "{\"email\":\"ayse@musteri.example\"}", "3");
        Metrics metrics = new Metrics("sender", new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC());

        SQSBatchResponse response = SqsBatch.process(event(message), metrics, log, m -> {
            throw new IllegalStateException("cannot send to ayse@musteri.example", new UncheckedIOException(new java.io.IOException(m.getBody())));
        });

        assertThat(response.getBatchItemFailures()).hasSize(1);
        FailureLog.Failure f = log.find(List.of(message.getMessageId(), "never-failed")).get(message.getMessageId());
        assertThat(f.queue()).isEqualTo("kargo-outbound");
        assertThat(f.stage()).isEqualTo("sender");
        assertThat(f.receiveCount()).isEqualTo(3);
        assertThat(f.reason()).startsWith("IllegalStateException caused by IOException at FailureLogTest.")
                .doesNotContain("ayse", "musteri");
        assertThat(log.find(List.of("never-failed"))).isEmpty();
    }

    @Test
    void anAwsErrorIsNamedByItsCodeAndTheLastFailureWinsUntilItExpires() {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        FailureLog log = new FailureLog(dynamo, tables.failures(), "normalizer", Clock.fixed(now, ZoneOffset.UTC));
        String id = "m-" + UUID.randomUUID();
        DynamoDbClient nowhere = dynamo;
        RuntimeException aws;
        try {
            nowhere.getItem(b -> b.tableName("no-such-table-" + id).key(Map.of("k", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("x"))));
            throw new AssertionError("the table does not exist");
        } catch (ResourceNotFoundException e) {
            aws = e;
        }
        log.record(id, "kargo-raw-events", new IllegalArgumentException("first"), 1);
        log.record(id, "kargo-raw-events", aws, 2);

        FailureLog.Failure f = log.find(List.of(id)).get(id);
        assertThat(f.reason()).startsWith("ResourceNotFoundException (DynamoDb: ResourceNotFoundException, HTTP 400) at FailureLogTest.");
        assertThat(f.receiveCount()).isEqualTo(2);
        assertThat(new FailureLog(dynamo, tables.failures(), "cli", Clock.fixed(now.plus(Duration.ofDays(15)), ZoneOffset.UTC))
                .find(List.of(id))).as("expired with the DLQ's 14 days").isEmpty();
    }

    private static SQSEvent.SQSMessage message(String id, String body, String receiveCount) {
        SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
        m.setMessageId(id);
        m.setBody(body);
        m.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:kargo-outbound");
        m.setAttributes(Map.of("ApproximateReceiveCount", receiveCount));
        return m;
    }

    private static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent e = new SQSEvent();
        e.setRecords(List.of(messages));
        return e;
    }
}
