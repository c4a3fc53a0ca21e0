package io.kargotakip.functions.ruleevaluator;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.kargotakip.aws.Json;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.observability.LogContext;
import io.kargotakip.aws.observability.SqsBatch;
import io.kargotakip.aws.store.FailureLog;
import io.kargotakip.aws.pipeline.RuleEvaluation;
import io.kargotakip.aws.queue.Envelope;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/** SQS status-changes → {@link RuleEvaluation}: which messages the change sends. */
@Named("rule-evaluator")
public class RuleEvaluatorFunction implements RequestHandler<SQSEvent, SQSBatchResponse> {

    @Inject
    RuleEvaluation rules;

    @Inject
    Metrics metrics;

    @Inject
    FailureLog failureLog;

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return SqsBatch.process(event, metrics, failureLog, message -> {
            Envelope.StatusChangeMessage change = Json.read(message.getBody(), Envelope.StatusChangeMessage.class);
            LogContext.traceId(change.traceId());
            rules.process(change);
        });
    }
}
