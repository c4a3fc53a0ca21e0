package io.kargotakip.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ScheduleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void sendsTheScheduledEventEveryPeriodAndNeverOverlaps() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        // a run takes 250 ms, the period is 100 ms: ticks must be skipped, never stacked
        FunctionInvoker poller = (event, timeout) -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            events.add(new String(event));
            return CompletableFuture.supplyAsync(() -> {
                running.decrementAndGet();
                return Invocation.Result.success(new byte[0]);
            }, CompletableFuture.delayedExecutor(250, TimeUnit.MILLISECONDS));
        };
        try (var schedule = new Schedule("kargo-poller", Duration.ofMillis(100), poller, Duration.ofSeconds(5)).start()) {
            Invocation.Result now = schedule.fireNow().get(5, TimeUnit.SECONDS); // queues behind a run in progress, if any
            assertThat(now.isError()).isFalse();
            while (schedule.fired() < 3) {
                Thread.sleep(20);
            }
            assertThat(schedule.skipped()).isPositive();
            assertThat(schedule.failures()).isZero();
        }
        assertThat(mostAtOnce.get()).isEqualTo(1);

        JsonNode e = JSON.readTree(events.get(0));
        assertThat(e.fieldNames()).toIterable().containsExactly("version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail");
        assertThat(e.path("version").asText()).isEqualTo("0");
        assertThat(e.path("id").asText()).matches("[0-9a-f-]{36}");
        assertThat(e.path("detail-type").asText()).isEqualTo("Scheduled Event");
        assertThat(e.path("source").asText()).isEqualTo("aws.events");
        assertThat(e.path("account").asText()).isEqualTo("000000000000");
        assertThat(Instant.parse(e.path("time").asText())).isBetween(Instant.now().minusSeconds(10), Instant.now());
        assertThat(e.path("time").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");
        assertThat(e.path("region").asText()).isEqualTo("us-east-1");
        assertThat(e.path("resources")).extracting(JsonNode::asText).containsExactly("arn:aws:events:us-east-1:000000000000:rule/kargo-poller");
        assertThat(e.path("detail").isObject() && e.path("detail").isEmpty()).isTrue();
        assertThat(JSON.readTree(events.get(1)).path("id").asText()).isNotEqualTo(e.path("id").asText());
    }

    @Test
    void aFailedRunIsCountedAndTheNextOneStillFires() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        FunctionInvoker flaky = (event, timeout) -> calls.incrementAndGet() == 1
                ? CompletableFuture.completedFuture(Invocation.Result.error("java.io.UncheckedIOException", "carrier down"))
                : CompletableFuture.completedFuture(Invocation.Result.success(new byte[0]));
        try (var schedule = new Schedule("kargo-poller", Duration.ofHours(1), flaky, Duration.ofSeconds(5))) {
            assertThat(schedule.fireNow().get(1, TimeUnit.SECONDS).isError()).isTrue();
            assertThat(schedule.fireNow().get(1, TimeUnit.SECONDS).isError()).isFalse();
            assertThat(schedule.fired()).isEqualTo(2);
            assertThat(schedule.failures()).isEqualTo(1);
        }
    }
}
