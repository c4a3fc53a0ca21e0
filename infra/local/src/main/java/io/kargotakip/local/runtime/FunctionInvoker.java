package io.kargotakip.local.runtime;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Something that runs one Lambda invocation: what the event sources, the HTTP front and the schedule
 * call. {@link LambdaRuntimeApi} is the real one; tests may plug in their own.
 */
@FunctionalInterface
public interface FunctionInvoker {

    /**
     * Hands {@code event} (a JSON document) to the function. The future completes within {@code timeout}
     * with the function's response or an error: the one it reported, Lambda's timeout error
     * ({@code Sandbox.Timedout}) or {@code Runtime.ExitError} when its process died; exceptionally only
     * when the function cannot run at all ({@link FunctionUnavailableException}).
     */
    CompletableFuture<Invocation.Result> invoke(byte[] event, Duration timeout);
}
