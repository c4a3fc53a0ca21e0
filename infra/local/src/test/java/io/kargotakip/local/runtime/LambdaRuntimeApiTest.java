package io.kargotakip.local.runtime;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LambdaRuntimeApiTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private LambdaRuntimeApi api;

    @BeforeEach
    void start() throws Exception {
        api = new LambdaRuntimeApi("normalizer");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void handsTheEventToTheRuntimeAndReturnsItsResponse() throws Exception {
        try (var runtime = new FakeRuntime(api.address(), req -> FakeRuntime.Reply.response("{\"got\":" + req.event() + "}"))) {
            long before = System.currentTimeMillis();
            Invocation.Result result = api.invoke(bytes("{\"n\":1}"), TIMEOUT).get(5, TimeUnit.SECONDS);

            assertThat(result.isError()).isFalse();
            assertThat(result.payloadAsString()).isEqualTo("{\"got\":{\"n\":1}}");
            var headers = runtime.seen.get(0).headers();
            assertThat(headers.firstValue("Lambda-Runtime-Aws-Request-Id")).get().asString().matches("[0-9a-f-]{36}");
            assertThat(headers.firstValue("Lambda-Runtime-Invoked-Function-Arn"))
                    .contains("arn:aws:lambda:us-east-1:000000000000:function:normalizer");
            assertThat(headers.firstValue("Lambda-Runtime-Trace-Id")).get().asString()
                    .matches("Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=1");
            long deadline = Long.parseLong(headers.firstValue("Lambda-Runtime-Deadline-Ms").orElseThrow());
            assertThat(deadline).isBetween(before + TIMEOUT.toMillis(), System.currentTimeMillis() + TIMEOUT.toMillis());
            assertThat(runtime.awaitPosts(1)).containsExactly(202);
        }
    }

    @Test
    void queuedEventsGoOutOneAtATimeInOrder() throws Exception {
        try (var runtime = new FakeRuntime(api.address(), req -> FakeRuntime.Reply.response(req.event()).after(20))) {
            List<CompletableFuture<Invocation.Result>> results = List.of(
                    api.invoke(bytes("1"), TIMEOUT), api.invoke(bytes("2"), TIMEOUT), api.invoke(bytes("3"), TIMEOUT));
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

            assertThat(results).extracting(f -> f.join().payloadAsString()).containsExactly("1", "2", "3");
            assertThat(runtime.seen).extracting(FakeRuntime.Request::event).containsExactly("1", "2", "3");
        }
    }

    @Test
    void anErrorPostedByTheRuntimeIsAnErrorResult() throws Exception {
        try (var runtime = new FakeRuntime(api.address(), req -> FakeRuntime.Reply.error("java.lang.IllegalStateException", "no carrier"))) {
            Invocation.Result result = api.invoke(bytes("{}"), TIMEOUT).get(5, TimeUnit.SECONDS);

            assertThat(result.isError()).isTrue();
            assertThat(result.errorType()).isEqualTo("java.lang.IllegalStateException");
            assertThat(result.errorMessage()).isEqualTo("no carrier");
            assertThat(result.payload()).isNull();
        }
    }

    @Test
    void anInvocationThatRunsPastItsTimeoutFailsAndTheNextOneStillRuns() throws Exception {
        try (var runtime = new FakeRuntime(api.address(),
                req -> req.event().equals("\"slow\"") ? FakeRuntime.Reply.response("late").after(600) : FakeRuntime.Reply.response("\"ok\""))) {
            CompletableFuture<Invocation.Result> slow = api.invoke(bytes("\"slow\""), Duration.ofMillis(200));
            CompletableFuture<Invocation.Result> next = api.invoke(bytes("\"fast\""), TIMEOUT);

            Invocation.Result timedOut = slow.get(5, TimeUnit.SECONDS);
            assertThat(timedOut.errorType()).isEqualTo("Sandbox.Timedout");
            assertThat(timedOut.errorMessage()).contains("Task timed out after 0.20 seconds");
            assertThat(next.get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo("\"ok\"");
            assertThat(runtime.awaitPosts(2)).containsExactly(202, 202); // the late answer is taken, and ignored
        }
    }

    @Test
    void anInitErrorFailsWaitingAndLaterInvocations() throws Exception {
        CompletableFuture<Invocation.Result> waiting = api.invoke(bytes("{}"), TIMEOUT);

        FakeRuntime.postInitError(api.address(), "Runtime.BadConfiguration", "carriers.yaml: unknown carrier 'ptt'");

        assertThatThrownBy(() -> waiting.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(FunctionUnavailableException.class)
                .hasMessageContaining("function normalizer failed to initialise: Runtime.BadConfiguration: carriers.yaml: unknown carrier 'ptt'");
        assertThatThrownBy(() -> api.invoke(bytes("{}"), TIMEOUT).get(1, TimeUnit.SECONDS))
                .hasCauseInstanceOf(FunctionUnavailableException.class).hasMessageContaining("failed to initialise");
        assertThat(api.initError()).contains("Runtime.BadConfiguration: carriers.yaml: unknown carrier 'ptt'");
    }

    @Test
    void anEventNobodyAsksForFailsAtItsDeadline() throws Exception {
        Invocation.Result result = api.invoke(bytes("{}"), Duration.ofMillis(200)).get(5, TimeUnit.SECONDS);
        assertThat(result.errorType()).isEqualTo("Sandbox.Timedout");
        assertThat(result.errorMessage()).contains("Task timed out after 0.20 seconds", "no instance of normalizer took the event");
    }

    @Test
    void aRunningInvocationPastItsDeadlineNamesItsInstanceForReplacement() throws Exception {
        try (var two = new LambdaRuntimeApi("sender", 2);
             var first = new FakeRuntime(two.address(0), req -> FakeRuntime.Reply.response("{}").after(5000))) {
            List<Integer> stuck = new java.util.concurrent.CopyOnWriteArrayList<>();
            two.onTimeout(stuck::add);
            assertThat(two.invoke(bytes("{}"), Duration.ofMillis(300)).get(5, TimeUnit.SECONDS).errorType()).isEqualTo("Sandbox.Timedout");
            for (int i = 0; i < 100 && stuck.isEmpty(); i++) {
                Thread.sleep(20); // the listener runs right after the invocation completes
            }
            assertThat(stuck).containsExactly(0);
        }
    }

    @Test
    void aRuntimeThatExitsFailsWhatItWasRunningWhileQueuedEventsWaitForItsReplacement() throws Exception {
        CompletableFuture<Invocation.Result> running;
        CompletableFuture<Invocation.Result> queued;
        try (var runtime = new FakeRuntime(api.address(), req -> FakeRuntime.Reply.response("{}").after(5000))) {
            running = api.invoke(bytes("{}"), TIMEOUT);
            while (runtime.seen.isEmpty()) {
                Thread.sleep(10);
            }
            queued = api.invoke(bytes("\"queued\""), TIMEOUT);
            api.runtimeExited("process exited with code 137");
        }
        assertThat(running.get(1, TimeUnit.SECONDS).errorType()).isEqualTo("Runtime.ExitError");
        assertThat(running.get().errorMessage()).contains("code 137");
        assertThat(api.ready()).isFalse();
        assertThat(queued).isNotDone();

        try (var replacement = new FakeRuntime(api.address(), req -> FakeRuntime.Reply.response(req.event()))) {
            assertThat(queued.get(5, TimeUnit.SECONDS).payloadAsString()).isEqualTo("\"queued\"");
            assertThat(api.ready()).isTrue();
        }
    }

    @Test
    void eachInstanceHasItsOwnAddressAndTheyShareTheQueue() throws Exception {
        try (var two = new LambdaRuntimeApi("normalizer", 2);
             var a = new FakeRuntime(two.address(0), req -> FakeRuntime.Reply.response("\"a\"").after(300));
             var b = new FakeRuntime(two.address(1), req -> FakeRuntime.Reply.response("\"b\"").after(300))) {
            assertThat(two.address(0)).isNotEqualTo(two.address(1));
            var first = two.invoke(bytes("1"), TIMEOUT);
            var second = two.invoke(bytes("2"), TIMEOUT);
            assertThat(List.of(first.get(5, TimeUnit.SECONDS).payloadAsString(), second.get(5, TimeUnit.SECONDS).payloadAsString()))
                    .containsExactlyInAnyOrder("\"a\"", "\"b\"");
        }
    }

    @Test
    void closingFailsWhatIsQueued() throws Exception {
        CompletableFuture<Invocation.Result> waiting = api.invoke(bytes("{}"), TIMEOUT);
        api.close();
        assertThatThrownBy(() -> waiting.get(1, TimeUnit.SECONDS)).hasCauseInstanceOf(FunctionUnavailableException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
