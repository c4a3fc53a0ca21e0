package io.kargotakip.local.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/** One event on its way through a function's Runtime API, and what came back. */
public final class Invocation {

    /**
     * What the function answered: either a response payload (possibly empty) or the error it posted
     * to {@code /invocation/{id}/error}.
     */
    public record Result(byte[] payload, String errorType, String errorMessage) {

        public static Result success(byte[] payload) {
            return new Result(payload == null ? new byte[0] : payload, null, null);
        }

        public static Result error(String errorType, String errorMessage) {
            return new Result(null, errorType == null ? "Unhandled" : errorType, errorMessage == null ? "" : errorMessage);
        }

        public boolean isError() {
            return errorType != null;
        }

        /** The response payload as UTF-8 text; null for an error. */
        public String payloadAsString() {
            return payload == null ? null : new String(payload, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return isError() ? "error " + errorType + ": " + errorMessage : "response (" + payload.length + " bytes)";
        }
    }

    final String requestId;
    final byte[] event;
    final Duration timeout;
    /** Epoch millis by which it has an answer or fails (waiting for an instance counts too). */
    final long deadlineMs;
    final CompletableFuture<Result> future = new CompletableFuture<>();
    /** Ends the invocation at its deadline; cancelled when it completes. */
    volatile ScheduledFuture<?> timer;
    volatile boolean dispatched;
    /** The instance (runtime process) that took it. */
    volatile int instance = -1;

    Invocation(String requestId, byte[] event, Duration timeout, long deadlineMs) {
        this.requestId = requestId;
        this.event = event;
        this.timeout = timeout;
        this.deadlineMs = deadlineMs;
    }

    public String requestId() {
        return requestId;
    }
}
