package io.kargotakip.aws.observability;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.Json;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsTest {

    @Test
    void counters_are_flushed_as_one_embedded_metric_format_line() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Metrics metrics = new Metrics("normalizer", new PrintStream(out, true, StandardCharsets.UTF_8),
                Clock.fixed(Instant.parse("2026-11-27T10:00:00Z"), ZoneOffset.UTC));
        metrics.count("EventsReceived", 3);
        metrics.count("EventsReceived");
        metrics.count("DuplicatesSuppressed");
        metrics.flush();
        metrics.flush(); // nothing new: nothing printed

        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode emf = Json.MAPPER.readTree(lines.get(0));
        assertThat(emf.at("/_aws/Timestamp").asLong()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z").toEpochMilli());
        JsonNode directive = emf.at("/_aws/CloudWatchMetrics/0");
        assertThat(directive.path("Namespace").asText()).isEqualTo("KargoTakip");
        assertThat(directive.at("/Dimensions/0/0").asText()).isEqualTo("Function");
        assertThat(directive.path("Metrics").findValuesAsText("Name")).containsExactly("EventsReceived", "DuplicatesSuppressed");
        assertThat(emf.path("Function").asText()).isEqualTo("normalizer");
        assertThat(emf.path("EventsReceived").asLong()).isEqualTo(4);
        assertThat(emf.path("DuplicatesSuppressed").asLong()).isEqualTo(1);
    }

    @Test
    void a_gauge_keeps_its_last_level_and_a_dimensioned_count_gets_its_own_line() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Metrics metrics = new Metrics("poller", new PrintStream(out, true, StandardCharsets.UTF_8), Clock.systemUTC());
        metrics.gauge("PollLagSeconds", 120);
        metrics.gauge("PollLagSeconds", 45);
        metrics.count("MessagesSent", "Channel", "sms", 2);
        metrics.count("MessagesSent", "Channel", "sms", 1);
        metrics.count("MessagesSent", "Channel", "email", 5);
        metrics.flush();
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
            lines.add(Json.MAPPER.readTree(line));
        }
        assertThat(lines).hasSize(3);
        assertThat(lines).filteredOn(l -> "sms".equals(l.path("Channel").asText())).singleElement()
                .satisfies(l -> assertThat(l.path("MessagesSent").asLong()).isEqualTo(3));
        assertThat(lines).filteredOn(l -> "email".equals(l.path("Channel").asText())).singleElement()
                .satisfies(l -> assertThat(l.at("/_aws/CloudWatchMetrics/0/Dimensions/0/1").asText()).isEqualTo("Channel"));
        assertThat(lines).filteredOn(l -> l.has("PollLagSeconds")).singleElement()
                .satisfies(l -> assertThat(l.path("PollLagSeconds").asLong()).as("the last level, not a sum").isEqualTo(45));
    }

    @Test
    void a_failed_record_is_reported_alone_and_fifo_batches_stop_at_the_first_failure() {
        Metrics metrics = new Metrics("t", new PrintStream(new ByteArrayOutputStream()), Clock.systemUTC());
        List<String> handled = new ArrayList<>();
        SQSBatchResponse standard = SqsBatch.process(event(false, "a", "bad", "c"), metrics, m -> {
            handled.add(m.getMessageId());
            if (m.getBody().equals("bad")) {
                throw new IllegalArgumentException("poison");
            }
        });
        assertThat(standard.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly("id-bad");
        assertThat(handled).containsExactly("id-a", "id-bad", "id-c");

        handled.clear();
        SQSBatchResponse fifo = SqsBatch.process(event(true, "a", "bad", "c"), metrics, m -> {
            handled.add(m.getMessageId());
            if (m.getBody().equals("bad")) {
                throw new IllegalArgumentException("poison");
            }
        });
        assertThat(fifo.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier).containsExactly("id-bad", "id-c");
        assertThat(handled).containsExactly("id-a", "id-bad");
    }

    private static SQSEvent event(boolean fifo, String... bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (String body : bodies) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId("id-" + body);
            m.setBody(body);
            m.setAttributes(fifo ? Map.of("MessageGroupId", "g", "ApproximateReceiveCount", "1") : Map.of("ApproximateReceiveCount", "1"));
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
