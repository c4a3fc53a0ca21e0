package io.kargotakip.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

class SqsEventSourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SQSRestServer elasticMq;
    private static SqsClient sqs;

    @BeforeAll
    static void startElasticMq() {
        elasticMq = SQSRestServerBuilder.withDynamicPort().withInterface("127.0.0.1").start();
        int port = elasticMq.waitUntilStarted().localAddress().getPort();
        sqs = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopElasticMq() {
        sqs.close();
        elasticMq.stopAndWait();
    }

    @Test
    void aReportedFailureComesBackAndEndsInTheDlqWhileTheRestIsDeleted() throws Exception {
        String dlqUrl = sqs.createQueue(b -> b.queueName("raw-events-dlq")).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = sqs.createQueue(b -> b.queueName("raw-events").attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "1",
                QueueAttributeName.REDRIVE_POLICY, "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"2\"}"))).queueUrl();
        for (String body : List.of("{\"n\":1}", "poison", "{\"n\":3}")) {
            sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).messageAttributes(Map.of(
                    "source", MessageAttributeValue.builder().dataType("String").stringValue("yurtici").build(),
                    "sig", MessageAttributeValue.builder().dataType("Binary").binaryValue(SdkBytes.fromUtf8String("abc")).build())));
        }

        try (var api = new LambdaRuntimeApi("normalizer");
             var function = new FakeRuntime(api.address(), req -> FakeRuntime.Reply.response(failuresFor(req.event(), "poison")));
             var esm = new SqsEventSource(sqs, queueUrl, 10, api, Duration.ofSeconds(5)).start()) {

            List<Message> dead = new ArrayList<>();
            await(() -> {
                dead.addAll(sqs.receiveMessage(b -> b.queueUrl(dlqUrl).waitTimeSeconds(1)).messages());
                return !dead.isEmpty();
            });
            esm.close();

            assertThat(dead).extracting(Message::body).containsExactly("poison");
            List<JsonNode> records = new ArrayList<>();
            for (var req : function.seen) {
                JSON.readTree(req.event()).path("Records").forEach(records::add);
            }
            assertThat(records).extracting(r -> r.path("body").asText()).containsExactlyInAnyOrder("{\"n\":1}", "poison", "{\"n\":3}", "poison");
            assertThat(records.stream().filter(r -> r.path("body").asText().equals("poison")))
                    .extracting(r -> r.path("attributes").path("ApproximateReceiveCount").asText()).containsExactly("1", "2");
            assertThat(esm.messages()).isEqualTo(4);
            assertThat(esm.failures()).isEqualTo(2);
            assertThat(esm.batches()).isGreaterThanOrEqualTo(2);
            assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(0)).messages()).isEmpty();

            JsonNode first = records.get(0);
            assertThat(first.fieldNames()).toIterable().containsExactly("messageId", "receiptHandle", "body", "attributes",
                    "messageAttributes", "md5OfBody", "eventSource", "eventSourceARN", "awsRegion");
            assertThat(first.path("attributes").fieldNames()).toIterable()
                    .startsWith("ApproximateReceiveCount", "SentTimestamp", "SenderId", "ApproximateFirstReceiveTimestamp");
            assertThat(first.path("eventSource").asText()).isEqualTo("aws:sqs");
            assertThat(first.path("eventSourceARN").asText()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:raw-events");
            assertThat(first.path("awsRegion").asText()).isEqualTo("us-east-1");
            assertThat(first.path("md5OfBody").asText()).isEqualTo(md5(first.path("body").asText()));
            assertThat(JSON.writeValueAsString(first.path("messageAttributes").path("source")))
                    .isEqualTo("{\"stringValue\":\"yurtici\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"String\"}");
            assertThat(JSON.writeValueAsString(first.path("messageAttributes").path("sig")))
                    .isEqualTo("{\"binaryValue\":\"YWJj\",\"stringListValues\":[],\"binaryListValues\":[],\"dataType\":\"Binary\"}");
        }
    }

    @Test
    void aFailedInvocationLeavesTheWholeBatchForLater() throws Exception {
        String queueUrl = sqs.createQueue(b -> b.queueName("status-changes").attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"n\":1}"));
        sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody("{\"n\":2}"));

        try (var api = new LambdaRuntimeApi("rule-evaluator");
             var function = new FakeRuntime(api.address(), req -> attempt(req.event()).equals("1")
                     ? FakeRuntime.Reply.error("java.lang.RuntimeException", "table missing")
                     : FakeRuntime.Reply.response("{\"batchItemFailures\":[]}"));
             var esm = new SqsEventSource(sqs, queueUrl, 10, api, Duration.ofSeconds(5)).start()) {

            await(() -> esm.messages() - esm.failures() == 2);
            esm.close();

            assertThat(esm.failures()).isEqualTo(2);
            assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(0)).messages()).isEmpty();
        }
    }

    @Test
    void batchResponsesAreReadByLambdasRules() {
        List<Message> batch = List.of(Message.builder().messageId("a").build(), Message.builder().messageId("b").build());

        assertThat(SqsEventSource.failedIds(bytes(""), batch)).isEmpty();
        assertThat(SqsEventSource.failedIds(bytes("null"), batch)).isEmpty();
        assertThat(SqsEventSource.failedIds(bytes("{}"), batch)).isEmpty();
        assertThat(SqsEventSource.failedIds(bytes("{\"batchItemFailures\":null}"), batch)).isEmpty();
        assertThat(SqsEventSource.failedIds(bytes("{\"batchItemFailures\":[]}"), batch)).isEmpty();
        assertThat(SqsEventSource.failedIds(bytes("{\"batchItemFailures\":[{\"itemIdentifier\":\"b\"}]}"), batch)).containsExactly("b");
        // whole batch: invalid JSON, an unknown, empty or missing identifier
        assertThat(SqsEventSource.failedIds(bytes("{oops"), batch)).containsExactlyInAnyOrder("a", "b");
        assertThat(SqsEventSource.failedIds(bytes("{\"batchItemFailures\":[{\"itemIdentifier\":\"zzz\"}]}"), batch)).containsExactlyInAnyOrder("a", "b");
        assertThat(SqsEventSource.failedIds(bytes("{\"batchItemFailures\":[{\"itemIdentifier\":\"\"}]}"), batch)).containsExactlyInAnyOrder("a", "b");
        assertThat(SqsEventSource.failedIds(bytes("{\"batchItemFailures\":[{\"id\":\"a\"}]}"), batch)).containsExactlyInAnyOrder("a", "b");
    }

    /** The fake function's answer: every record whose body is {@code failing} is reported failed. */
    private static String failuresFor(String event, String failing) {
        try {
            var failures = JSON.createObjectNode();
            var list = failures.putArray("batchItemFailures");
            for (JsonNode r : JSON.readTree(event).path("Records")) {
                if (r.path("body").asText().equals(failing)) {
                    list.addObject().put("itemIdentifier", r.path("messageId").asText());
                }
            }
            return JSON.writeValueAsString(failures);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String attempt(String event) {
        try {
            return JSON.readTree(event).path("Records").path(0).path("attributes").path("ApproximateReceiveCount").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private static String md5(String s) throws Exception {
        byte[] d = MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8));
        return String.format("%032x", new BigInteger(1, d));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
