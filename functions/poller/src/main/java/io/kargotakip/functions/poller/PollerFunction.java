package io.kargotakip.functions.poller;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.SqsBatch;
import io.kargotakip.aws.pipeline.PollScheduler;
import io.kargotakip.aws.pipeline.PollWorker;
import io.kargotakip.aws.queue.Envelope.PollWorkMessage;
import io.kargotakip.aws.store.FailureLog;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The poller's two triggers, one function (one artifact with the carriers' REST clients): the EventBridge
 * schedule → {@link PollScheduler} (find due shipments, queue one poll-work message per carrier call, at the
 * carrier's rate); SQS poll-work batches → {@link PollWorker} (make the call, queue the answer), failures
 * reported per record. The event's shape says which: only an SQS event has {@code Records}.
 */
@Named("poller")
public class PollerFunction implements RequestHandler<Map<String, Object>, Object> {

    @Inject
    PollScheduler scheduler;

    @Inject
    PollWorker worker;

    @Inject
    Metrics metrics;

    @Inject
    FailureLog failureLog;

    /** How many due shipments one scheduled run takes, at most. */
    @ConfigProperty(name = "KARGO_POLL_BATCH", defaultValue = "1000")
    int batch;

    @Override
    public Object handleRequest(Map<String, Object> event, Context context) {
        if (event != null && event.get("Records") instanceof List<?> records) {
            return SqsBatch.process(sqsEvent(records), metrics, failureLog,
                    message -> worker.process(Json.read(message.getBody(), PollWorkMessage.class)));
        }
        try {
            return scheduler.run(batch);
        } finally {
            metrics.flush();
        }
    }

    /** The SQS event as the batch plumbing reads it (the handler takes a map, as one handler serves both triggers). */
    static SQSEvent sqsEvent(List<?> records) {
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        for (Object r : records) {
            Map<?, ?> record = (Map<?, ?>) r;
            SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
            message.setMessageId(String.valueOf(record.get("messageId")));
            message.setBody(String.valueOf(record.get("body")));
            message.setEventSourceArn(record.get("eventSourceARN") == null ? null : String.valueOf(record.get("eventSourceARN")));
            if (record.get("attributes") instanceof Map<?, ?> attributes) {
                Map<String, String> values = new java.util.HashMap<>();
                attributes.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
                message.setAttributes(values);
            }
            messages.add(message);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }
}
