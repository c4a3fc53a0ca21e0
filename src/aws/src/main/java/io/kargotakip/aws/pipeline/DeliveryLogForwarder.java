package io.kargotakip.aws.pipeline;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.queue.QueuePublisher;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Moves what a CloudWatch Logs subscription delivers (SNS's SMS delivery status records) onto the channel-events
 * queue, one message per record, where the sender records them like SES's events: the queue's redelivery and dead
 * letters then cover them too, and this step needs no table. The subscription's {@code awslogs.data} is base64 of a
 * gzip of {@code {"messageType":"DATA_MESSAGE","logGroup":…,"logEvents":[{"id","timestamp","message"}]}}.
 */
public final class DeliveryLogForwarder {

    /** A decompressed batch is at most 1 MB at CloudWatch Logs' limits; more is not a subscription's. */
    static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;

    private final QueuePublisher channelEvents;
    private final Metrics metrics;

    public DeliveryLogForwarder(QueuePublisher channelEvents, Metrics metrics) {
        this.channelEvents = channelEvents;
        this.metrics = metrics;
    }

    /**
     * @param data the subscription event's {@code awslogs.data}
     * @return how many records went onto the queue
     * @throws IllegalArgumentException when {@code data} is not a subscription's batch (Lambda then retries it and
     *                                  leaves it in the function's dead-letter queue)
     */
    public int forward(String data) {
        JsonNode batch = decode(data);
        if ("CONTROL_MESSAGE".equals(batch.path("messageType").asText())) {
            return 0; // CloudWatch Logs checking that the destination is reachable
        }
        List<JsonNode> records = new ArrayList<>();
        int unreadable = 0;
        for (JsonNode event : batch.path("logEvents")) {
            try {
                JsonNode record = Json.MAPPER.readTree(event.path("message").asText(""));
                if (record != null && record.isObject()) {
                    records.add(record);
                } else {
                    unreadable++;
                }
            } catch (JacksonException e) {
                unreadable++; // a line that is not a record: nothing to tell of a message
            }
        }
        if (!records.isEmpty()) {
            channelEvents.publishAll(records);
        }
        metrics.count("DeliveryLogsForwarded", records.size());
        if (unreadable > 0) {
            metrics.count("DeliveryLogsUnreadable", unreadable);
        }
        return records.size();
    }

    static JsonNode decode(String data) {
        byte[] zipped;
        try {
            zipped = Base64.getDecoder().decode(data == null ? "" : data.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("awslogs.data is not base64");
        }
        byte[] json;
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(zipped))) {
            json = in.readNBytes(MAX_BATCH_BYTES + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("awslogs.data is not gzip");
        }
        if (json.length > MAX_BATCH_BYTES) {
            throw new IllegalArgumentException("awslogs.data is larger than a subscription batch");
        }
        JsonNode batch;
        try {
            batch = Json.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("awslogs.data is not JSON");
        }
        if (batch == null || !batch.isObject() || !batch.path("messageType").isTextual()) {
            throw new IllegalArgumentException("awslogs.data is not a subscription batch (no messageType)");
        }
        return batch;
    }
}
