package io.kargotakip.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class LogsSubscriptionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "sns/us-east-1/000000000000/DirectPublishToPhoneNumber";

    static JsonNode batch(byte[] event) throws Exception {
        JsonNode root = JSON.readTree(event);
        byte[] zipped = Base64.getDecoder().decode(root.path("awslogs").path("data").asText());
        try (var in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
            return JSON.readTree(in.readAllBytes());
        }
    }

    static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void what_is_written_reaches_the_function_as_cloudwatch_logs_delivers_it() throws Exception {
        List<byte[]> events = new CopyOnWriteArrayList<>();
        FunctionInvoker function = (event, timeout) -> {
            events.add(event);
            return CompletableFuture.completedFuture(Invocation.Result.success(new byte[0]));
        };
        try (var subscription = new LogsSubscription(GROUP, "delivery-logs-0", function, Duration.ofSeconds(5), Duration.ofMillis(10)).start()) {
            subscription.write("{\"status\":\"SUCCESS\"}");
            subscription.write("{\"status\":\"FAILURE\"}");
            await(() -> subscription.delivered() == 2);
            assertThat(subscription.inFlight()).isZero();
        }
        JsonNode first = batch(events.get(0));
        assertThat(first.path("messageType").asText()).isEqualTo("DATA_MESSAGE");
        assertThat(first.path("logGroup").asText()).isEqualTo(GROUP);
        assertThat(first.path("owner").asText()).isEqualTo("000000000000");
        assertThat(first.path("subscriptionFilters").get(0).asText()).isEqualTo("delivery-logs-0");
        List<String> messages = new java.util.ArrayList<>();
        for (byte[] e : events) {
            batch(e).path("logEvents").forEach(l -> {
                assertThat(l.path("id").asText()).isNotBlank();
                assertThat(l.path("timestamp").asLong()).isPositive();
                messages.add(l.path("message").asText());
            });
        }
        assertThat(messages).containsExactly("{\"status\":\"SUCCESS\"}", "{\"status\":\"FAILURE\"}");
    }

    @Test
    void a_batch_the_function_fails_is_retried_twice_then_given_up_as_to_the_dead_letter_queue() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FunctionInvoker failing = (event, timeout) -> {
            calls.incrementAndGet();
            return CompletableFuture.completedFuture(Invocation.Result.error("Runtime.Error", "queue unreachable"));
        };
        try (var subscription = new LogsSubscription(GROUP, "f", failing, Duration.ofSeconds(5), Duration.ofMillis(10)).start()) {
            subscription.write("{}");
            await(() -> subscription.deadLettered() == 1);
            assertThat(calls.get()).as("the first call and Lambda's two retries").isEqualTo(3);
            assertThat(subscription.delivered()).isZero();
            assertThat(subscription.inFlight()).isZero();
        }
    }
}
