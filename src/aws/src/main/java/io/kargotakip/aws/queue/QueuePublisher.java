package io.kargotakip.aws.queue;

import io.kargotakip.aws.Json;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Sends JSON messages to one SQS queue. */
public final class QueuePublisher {

    /** SQS takes at most 10 messages and 256 KiB per batch. */
    static final int MAX_BATCH = 10;
    static final int MAX_BATCH_BYTES = 256 * 1024;

    private final SqsClient sqs;
    private final String queueUrl;

    public QueuePublisher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** A message SQS keeps invisible for a while (at most 15 minutes): how the poller spreads calls to a carrier's rate. */
    public record Delayed(Object message, int delaySeconds) {
        public Delayed {
            if (delaySeconds < 0 || delaySeconds > MAX_DELAY_SECONDS) {
                throw new IllegalArgumentException("SQS delays are 0 to " + MAX_DELAY_SECONDS + " seconds");
            }
        }
    }

    public static final int MAX_DELAY_SECONDS = 900;

    public String publish(Object message) {
        String body = Json.write(unwrap(message));
        int delay = delayOf(message);
        return sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).delaySeconds(delay == 0 ? null : delay)).messageId();
    }

    private static Object unwrap(Object message) {
        return message instanceof Delayed d ? d.message() : message;
    }

    private static int delayOf(Object message) {
        return message instanceof Delayed d ? d.delaySeconds() : 0;
    }

    /**
     * Sends several messages in as few requests as SQS allows ({@code SendMessageBatch}, billed as
     * one request per 64 KiB), in order. One message goes as a plain send.
     *
     * @throws IllegalStateException when SQS refused any of them (the others are sent): the caller's
     *                               retry sends them all again, which every consumer tolerates
     */
    public void publishAll(List<?> messages) {
        if (messages.size() == 1) {
            publish(messages.get(0));
            return;
        }
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        int bytes = 0;
        for (Object message : messages) {
            String body = Json.write(unwrap(message));
            int delay = delayOf(message);
            int size = body.getBytes(StandardCharsets.UTF_8).length;
            if (batch.size() == MAX_BATCH || (!batch.isEmpty() && bytes + size > MAX_BATCH_BYTES)) {
                send(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(batch.size())).messageBody(body)
                    .delaySeconds(delay == 0 ? null : delay).build());
            bytes += size;
        }
        if (!batch.isEmpty()) {
            send(batch);
        }
    }

    private void send(List<SendMessageBatchRequestEntry> entries) {
        SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
        if (response.hasFailed() && !response.failed().isEmpty()) {
            throw new IllegalStateException(response.failed().size() + " of " + entries.size() + " messages were not queued: "
                    + response.failed().get(0).code());
        }
    }
}
