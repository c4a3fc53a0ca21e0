package io.kargotakip.aws.queue;

import io.kargotakip.aws.Json;
import software.amazon.awssdk.services.sqs.SqsClient;

/** Sends JSON messages to one SQS queue. */
public final class QueuePublisher {

    private final SqsClient sqs;
    private final String queueUrl;

    public QueuePublisher(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    public String publish(Object message) {
        return publish(message, 0);
    }

    /** @param delaySeconds 0-900: SQS holds the message back (quiet hours, fallback timers) */
    public String publish(Object message, int delaySeconds) {
        String body = Json.write(message);
        return sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).delaySeconds(delaySeconds)).messageId();
    }

    public String queueUrl() {
        return queueUrl;
    }
}
