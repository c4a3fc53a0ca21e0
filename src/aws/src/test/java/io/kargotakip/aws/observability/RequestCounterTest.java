package io.kargotakip.aws.observability;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The request counter against the emulators, through the real SDK. */
class RequestCounterTest {

    static TableNames tables;
    static KargoQueues.Urls queues;

    @BeforeAll
    static void stack() {
        Emulators emulators = Emulators.shared();
        String prefix = "r" + UUID.randomUUID().toString().substring(0, 8) + "-";
        tables = TableNames.withPrefix(prefix);
        try (DynamoDbClient dynamo = AwsClients.dynamoDb(emulators.dynamoDb()); SqsClient sqs = AwsClients.sqs(emulators.sqs())) {
            KargoTables.createAll(dynamo, tables);
            queues = KargoQueues.createAll(sqs, prefix, 30);
        }
    }

    @Test
    void counts_calls_by_operation_and_a_failed_conditional_write_as_a_write() {
        RequestCounter counter = RequestCounter.inMemory();
        DynamoDbClient dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb(), counter);
        Map<String, AttributeValue> item = Map.of("eventKey", AttributeValue.fromS("k-" + UUID.randomUUID()));
        dynamo.putItem(b -> b.tableName(tables.events()).item(item).conditionExpression("attribute_not_exists(eventKey)"));
        assertThatThrownBy(() -> dynamo.putItem(b -> b.tableName(tables.events()).item(item).conditionExpression("attribute_not_exists(eventKey)")))
                .isInstanceOf(ConditionalCheckFailedException.class);
        dynamo.getItem(b -> b.tableName(tables.events()).key(item));

        var counts = counter.tally().snapshot();
        assertThat(counts.get("DynamoDb.PutItem")).containsEntry("calls", 2L).containsEntry("failed", 1L).containsEntry("conditionalFailed", 1L);
        assertThat(counts.get("DynamoDb.GetItem")).containsEntry("calls", 1L).containsEntry("failed", 0L);
        assertThat(counts.keySet()).containsExactly("DynamoDb.GetItem", "DynamoDb.PutItem");
        // the counter asks for consumed capacity; dynalite computes it, so the successful calls carry it
        assertThat(counts.get("DynamoDb.PutItem").get("capacityCalls")).isEqualTo(1L);
        assertThat(counts.get("DynamoDb.PutItem").get("capacityMilliUnits")).isEqualTo(1000L);
        assertThat(counts.get("DynamoDb.GetItem").get("capacityCalls")).isEqualTo(1L);
    }

    @Test
    void counts_the_messages_of_a_batch_and_empty_receives() {
        RequestCounter counter = RequestCounter.inMemory();
        SqsClient sqs = AwsClients.sqs(Emulators.shared().sqs(), counter);
        String url = queues.dlq("outbound");
        sqs.sendMessageBatch(b -> b.queueUrl(url).entries(
                SendMessageBatchRequestEntry.builder().id("a").messageBody("1").build(),
                SendMessageBatchRequestEntry.builder().id("b").messageBody("2").build(),
                SendMessageBatchRequestEntry.builder().id("c").messageBody("3").build()));
        var received = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)).messages();
        received.forEach(m -> sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle())));
        sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10));

        var counts = counter.tally().snapshot();
        assertThat(counts.get("Sqs.SendMessageBatch")).containsEntry("calls", 1L).containsEntry("messages", 3L);
        assertThat(counts.get("Sqs.ReceiveMessage")).containsEntry("calls", 2L).containsEntry("emptyReceives", 1L)
                .containsEntry("messages", (long) received.size());
        assertThat(counts.get("Sqs.DeleteMessage").get("calls")).isEqualTo((long) received.size());
    }

    @Test
    void without_the_local_setting_it_counts_nothing() {
        assumeTrue(System.getenv(RequestCounter.DIR_ENV) == null && System.getProperty(RequestCounter.DIR_PROPERTY) == null);
        assertThat(new RequestCounter().active()).isFalse();
    }

    @Test
    void a_counter_writes_its_counts_to_its_own_file(@TempDir Path dir) throws Exception {
        RequestCounter counter = RequestCounter.toDir(dir, "fn/one");
        DynamoDbClient dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb(), counter);
        dynamo.getItem(b -> b.tableName(tables.events()).key(Map.of("eventKey", AttributeValue.fromS("absent"))));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        List<Path> files = List.of();
        while (Instant.now().isBefore(deadline) && files.isEmpty()) {
            Thread.sleep(100);
            try (var list = Files.list(dir)) {
                files = list.filter(p -> p.getFileName().toString().startsWith("fn_one-") && p.toString().endsWith(".json")).toList();
            }
        }
        assertThat(files).hasSize(1);
        assertThat(Files.readString(files.get(0))).contains("\"origin\":\"fn_one\"").contains("\"DynamoDb.GetItem\":{\"calls\":1,");
    }
}
