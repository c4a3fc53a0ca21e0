package io.kargotakip.local;

import io.kargotakip.local.runtime.FunctionInvoker;
import io.kargotakip.local.runtime.Invocation;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Counts what Lambda and API Gateway would bill for: invocations per function and their duration
 * (from the hand-over to the Runtime API until the answer, so it includes the local hop of about a
 * millisecond), and, for the HTTP functions, API Gateway requests. A decorator of the invoker the
 * event sources, the HTTP front and the schedule call; it changes nothing about the invocation.
 */
final class InvocationCounter {

    /** Counts of one function. */
    record Counts(long invocations, long errors, long durationMillis, long apiRequests) {
    }

    private final Map<String, long[]> counts = new TreeMap<>();

    /** Wraps {@code function}; {@code viaApiGateway} for the routes of the HTTP API. */
    FunctionInvoker wrap(String name, FunctionInvoker function, boolean viaApiGateway) {
        return (event, timeout) -> {
            long start = System.nanoTime();
            CompletableFuture<Invocation.Result> result = function.invoke(event, timeout);
            return result.whenComplete((r, failure) -> add(name, System.nanoTime() - start,
                    failure != null || (r != null && r.isError()), viaApiGateway));
        };
    }

    private synchronized void add(String name, long nanos, boolean error, boolean api) {
        long[] c = counts.computeIfAbsent(name, k -> new long[4]);
        c[0]++;
        c[1] += error ? 1 : 0;
        // Lambda bills whole milliseconds, rounded up
        c[2] += (nanos + 999_999) / 1_000_000;
        c[3] += api ? 1 : 0;
    }

    synchronized Map<String, Counts> snapshot() {
        Map<String, Counts> copy = new TreeMap<>();
        counts.forEach((k, c) -> copy.put(k, new Counts(c[0], c[1], c[2], c[3])));
        return copy;
    }

    /** What happened between two snapshots. */
    static Map<String, Counts> since(Map<String, Counts> before, Map<String, Counts> after) {
        Map<String, Counts> d = new TreeMap<>();
        after.forEach((k, a) -> {
            Counts b = before.getOrDefault(k, new Counts(0, 0, 0, 0));
            d.put(k, new Counts(a.invocations() - b.invocations(), a.errors() - b.errors(),
                    a.durationMillis() - b.durationMillis(), a.apiRequests() - b.apiRequests()));
        });
        return d;
    }
}
