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
        String body = Json.write(message);
        return sqs.sendMessage(b -> b.queueUrl(queueUrl).messageBody(body)).messageId();
    }
}
