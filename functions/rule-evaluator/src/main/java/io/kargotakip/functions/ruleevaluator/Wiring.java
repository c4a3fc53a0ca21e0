package io.kargotakip.functions.ruleevaluator;

import io.kargotakip.aws.KargoEnvironment;
import io.kargotakip.aws.observability.Metrics;
import io.kargotakip.aws.store.FailureLog;
import io.kargotakip.aws.pipeline.RuleEvaluation;
import io.kargotakip.aws.queue.Envelope;
import io.kargotakip.core.notification.NotificationIntent;
import io.kargotakip.core.notification.StatusChange;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Builds the rule evaluation from configuration, once per Lambda instance, at run time. */
@ApplicationScoped
@RegisterForReflection(targets = {Envelope.StatusChangeMessage.class, StatusChange.class, Envelope.OutboundMessage.class,
        NotificationIntent.class})
public class Wiring {

    @Produces
    @ApplicationScoped
    FailureLog failureLog() {
        return KargoEnvironment.fromFunctionConfig().failureLog("rule-evaluator");
    }

    @Produces
    @ApplicationScoped
    Metrics metrics() {
        return Metrics.forFunction("rule-evaluator");
    }

    @Produces
    @ApplicationScoped
    RuleEvaluation ruleEvaluation(Metrics metrics) {
        return KargoEnvironment.fromFunctionConfig().ruleEvaluation(metrics);
    }
}
