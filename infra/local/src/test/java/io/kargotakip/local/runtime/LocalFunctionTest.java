package io.kargotakip.local.runtime;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Real processes (AWS's runtime interface client running {@link EchoHandler}) that die or hang, and their replacements. */
class LocalFunctionTest {

    private static final Path MODULE = Path.of(System.getProperty("kargo.root", "../..")).resolve("infra/local").toAbsolutePath().normalize();
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static LocalFunction echo(String name) throws Exception {
        Path log = MODULE.resolve("target/logs/" + name + ".log");
        Files.deleteIfExists(log);
        LocalFunction fn = new LocalFunction(name, 1, instance -> FunctionProcess.builder(MODULE.getParent().getParent(), name, FunctionProcess.Kind.WORKER)
                .artifact(MODULE.resolve("target/test-classes"))
                .handler(EchoHandler.class.getName() + "::handleRequest")
                .logFile(log));
        fn.awaitReady(Duration.ofSeconds(30));
        return fn;
    }

    @Test
    void aCrashedInstanceFailsItsInvocationWithLambdasErrorAndIsReplacedByAFreshOne() throws Exception {
        try (LocalFunction fn = echo("echo-crash")) {
            long firstPid = fn.processes().get(0).pid();

            Invocation.Result crashed = fn.invoke(bytes("{\"crash\":true}"), TIMEOUT).get(30, TimeUnit.SECONDS);
            assertThat(crashed.errorType()).isEqualTo("Runtime.ExitError");
            assertThat(crashed.errorMessage()).contains("Runtime exited", "code 137");

            Invocation.Result next = fn.invoke(bytes("{\"n\":2}"), TIMEOUT).get(30, TimeUnit.SECONDS);
            assertThat(next.isError()).as("%s", next).isFalse();
            assertThat(next.payloadAsString()).contains("\"n\":2");
            assertThat(fn.replacements()).isEqualTo(1);
            assertThat(fn.processes()).hasSize(1).allSatisfy(p -> assertThat(p.pid()).isNotEqualTo(firstPid));
        }
    }

    @Test
    void anInvocationPastItsTimeoutFailsAndItsStuckProcessIsDumpedKilledAndReplaced() throws Exception {
        try (LocalFunction fn = echo("echo-hang")) {
            var stuck = fn.processes().get(0);

            Invocation.Result hung = fn.invoke(bytes("{\"hang\":true}"), Duration.ofSeconds(1)).get(30, TimeUnit.SECONDS);
            assertThat(hung.errorType()).isEqualTo(LambdaRuntimeApi.TIMEOUT_ERROR);
            assertThat(hung.errorMessage()).contains("Task timed out after 1.00 seconds");

            Invocation.Result next = fn.invoke(bytes("{\"n\":3}"), TIMEOUT).get(30, TimeUnit.SECONDS);
            assertThat(next.payloadAsString()).as("%s", next).contains("\"n\":3");
            assertThat(stuck.isAlive()).isFalse();
            assertThat(fn.replacements()).isEqualTo(1);
            // the log shows where the stuck invocation was waiting
            assertThat(Files.readString(stuck.logFile())).contains("Full thread dump", "EchoHandler.handleRequest");
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
