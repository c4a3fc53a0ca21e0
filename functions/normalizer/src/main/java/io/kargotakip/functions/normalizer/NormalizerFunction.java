package io.kargotakip.functions.normalizer;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.LogContext;
import io.kargotakip.aws.observability.SqsBatch;
import io.kargotakip.aws.store.FailureLog;
import io.kargotakip.aws.pipeline.Normalizer;
import io.kargotakip.aws.queue.RawEvent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** SQS raw-events → {@link Normalizer}, one record at a time, failures reported per record. */
@Named("normalizer")
public class NormalizerFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    Normalizer normalizer;

    @Inject
    Metrics metrics;

    @Inject
    FailureLog failureLog;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, metrics, failureLog, message -> {
            RawEvent raw = Json.read(message.getBody(), RawEvent.class);
            LogContext.traceId(raw.traceId());
            normalizer.process(raw);
        });
    }
}
