package io.kargotakip.functions.poller;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.SqsBatch;
import io.kargotakip.aws.pipeline.MarketplaceSync;
import io.kargotakip.aws.pipeline.OrderNotices;
import io.kargotakip.aws.pipeline.PollScheduler;
import io.kargotakip.aws.pipeline.PollWorker;
import io.kargotakip.aws.queue.Envelope.PollWorkMessage;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.store.FailureLog;
import io.kargotakip.carriers.amazon.AmazonCarrier;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The poller's triggers, one function (one artifact with the carriers' REST clients): the EventBridge
 * schedule → {@link PollScheduler} (find due shipments, queue one poll-work message per carrier call, at the
 * carrier's rate) and {@link MarketplaceSync} (the marketplaces' changed orders); SQS poll-work batches →
 * {@link PollWorker} (make the call, queue the answer); Amazon's SP-API notifications, on their own queue →
 * {@link OrderNotices} (confirm the order with getOrder). Failures are reported per record. The event's shape
 * says which: only an SQS event has {@code Records}, and each record's queue says whose it is.
 */
@Named("poller")
public class PollerFunction implements RequestHandler<Map<String, Object>, Object> {

    @Inject
    PollScheduler scheduler;

    @Inject
    PollWorker worker;

    @Inject
    MarketplaceSync sync;

    @Inject
    OrderNotices notices;

    @Inject
    Metrics metrics;

    @Inject
    FailureLog failureLog;

    /** How many due shipments one scheduled run takes, at most. */
    @ConfigProperty(name = "KARGO_POLL_BATCH", defaultValue = "1000")
    int batch;

    @Override
    public Object handleRequest(Map<String, Object> event, Context context) {
        SQSEvent sqs = SqsBatch.fromMap(event);
        if (sqs != null) {
            return SqsBatch.process(sqs, metrics, failureLog, message -> {
                if (KargoQueues.isQueue(message.getEventSourceArn(), KargoQueues.AMAZON_NOTIFICATIONS)) {
                    notices.process(AmazonCarrier.ID, message.getBody().getBytes(StandardCharsets.UTF_8));
                } else {
                    worker.process(Json.read(message.getBody(), PollWorkMessage.class));
                }
            });
        }
        try {
            PollScheduler.Summary polls = scheduler.run(batch);
            MarketplaceSync.Summary synced = sync.run();
            return Map.of("polls", polls, "sync", synced);
        } finally {
            metrics.flush();
        }
    }
}
