package io.kargotakip.functions.sender;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.observability.LogContext;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.SqsBatch;
import io.kargotakip.aws.pipeline.ChannelFeedback;
import io.kargotakip.aws.pipeline.Dispatcher;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.aws.queue.KargoQueues;
import io.kargotakip.aws.store.FailureLog;
import io.kargotakip.channels.ChannelEvents;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The sender's two queues: outbound → {@link Dispatcher} (each notification goes out once, over its channel);
 * channel-events (SES's events through SNS, SNS's SMS delivery logs) → {@link ChannelFeedback} (delivery history, engagement, suppressed
 * addresses). Each record's queue says which.
 */
@Named("sender")
public class SenderFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    Dispatcher dispatcher;

    @Inject
    ChannelFeedback feedback;

    @Inject
    Metrics metrics;

    @Inject
    FailureLog failureLog;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, metrics, failureLog, message -> {
            if (KargoQueues.isQueue(message.getEventSourceArn(), KargoQueues.CHANNEL_EVENTS)) {
                ChannelEvents.read(message.getBody()).ifPresent(feedback::apply);
                return;
            }
            Envelope.OutboundMessage outbound = Json.read(message.getBody(), Envelope.OutboundMessage.class);
            LogContext.traceId(outbound.traceId());
            dispatcher.process(outbound);
        });
    }
}
