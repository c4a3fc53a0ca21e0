package io.kargotakip.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FunctionProcessTest {

    private static final Path MODULE = Path.of(System.getProperty("kargo.root", "../..")).resolve("infra/local").toAbsolutePath().normalize();

    @Test
    void everyFunctionRunsItsRunnerJarUnderTheRuntimeInterfaceClientWithLambdasEnvironment(@TempDir Path root) throws Exception {
        Path target = Files.createDirectories(root.resolve("functions/normalizer/target"));
        Files.createFile(target.resolve("normalizer-runner.jar"));
        Path ric = Files.createDirectories(root.resolve("infra/local/target/lambda-ric"));
        Files.createFile(ric.resolve("b.jar"));
        Files.createFile(ric.resolve("a.jar"));

        var worker = FunctionProcess.builder(root, "normalizer", FunctionProcess.Kind.WORKER).runtimeApiAddress("127.0.0.1:9001");
        assertThat(worker.command()).endsWith("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k", "-XX:MaxRAM=256m", "-Xshare:auto",
                "-D" + FunctionProcess.JNI_PROPERTY + "=" + ric.resolve("jni/libaws-lambda-jni.linux-x86_64.so"),
                "-cp", target.resolve("normalizer-runner.jar") + ":" + ric.resolve("a.jar") + ":" + ric.resolve("b.jar"),
                "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
                "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest");
        assertThat(worker.environment()).containsEntry("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
                .containsEntry("AWS_LAMBDA_FUNCTION_NAME", "normalizer").containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512")
                .containsEntry("AWS_REGION", "us-east-1").containsEntry("AWS_ACCESS_KEY_ID", "test").containsEntry("AWS_SECRET_ACCESS_KEY", "test")
                .containsEntry("_HANDLER", "io.quarkus.amazon.lambda.runtime.QuarkusStreamHandler::handleRequest")
                .containsEntry("LAMBDA_TASK_ROOT", target.toString())
                .doesNotContainKey("JAVA_TOOL_OPTIONS");

        var http = FunctionProcess.builder(root, "webhook-receiver", FunctionProcess.Kind.HTTP).runtimeApiAddress("127.0.0.1:9002")
                .env("KARGO_QUEUE_RAW_EVENTS_URL", "http://127.0.0.1:9324/000000000000/raw-events").memoryMb(1024);
        assertThat(http.environment()).containsEntry("KARGO_QUEUE_RAW_EVENTS_URL", "http://127.0.0.1:9324/000000000000/raw-events")
                .containsEntry("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        assertThatThrownBy(http::command).hasMessageContaining("webhook-receiver-runner.jar not found");
        assertThatThrownBy(() -> FunctionProcess.builder(root, "normalizer", FunctionProcess.Kind.WORKER).ricDir(root.resolve("none")).command())
                .hasMessageContaining("no runtime interface client jars");
    }

    /** The real thing: AWS's runtime interface client, in its own JVM, polling our Runtime API. */
    @Test
    void aHandlerRunsInItsOwnJvmAgainstTheRuntimeApi() throws Exception {
        Path log = MODULE.resolve("target/logs/echo-test.log");
        try (var api = new LambdaRuntimeApi("echo");
             var fn = FunctionProcess.builder(MODULE.getParent().getParent(), "echo", FunctionProcess.Kind.HTTP)
                     .artifact(MODULE.resolve("target/test-classes"))
                     .handler(EchoHandler.class.getName() + "::handleRequest")
                     .runtimeApi(api)
                     .memoryMb(256)
                     .env("KARGO_TABLE", "kargo-orders")
                     .logFile(log)
                     .start()) {
            Invocation.Result ok = api.invoke("{\"hello\":\"dünya\"}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20)).get(30, TimeUnit.SECONDS);
            assertThat(ok.isError()).as("%s, log:%n%s", ok, Files.readString(log)).isFalse();
            JsonNode out = new ObjectMapper().readTree(ok.payload());
            assertThat(out.path("event").path("hello").asText()).isEqualTo("dünya");
            assertThat(out.path("functionName").asText()).isEqualTo("echo");
            assertThat(out.path("arn").asText()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:echo");
            assertThat(out.path("memory").asInt()).isEqualTo(256);
            assertThat(out.path("remainingMs").asLong()).isBetween(1L, 20_000L);
            assertThat(out.path("region").asText()).isEqualTo("us-east-1");
            assertThat(out.path("tz").asText()).isEqualTo("UTC");
            assertThat(out.path("encoding").asText()).isEqualTo("UTF-8");
            assertThat(out.path("custom").asText()).isEqualTo("kargo-orders");

            Invocation.Result failed = api.invoke("{\"fail\":true}".getBytes(StandardCharsets.UTF_8), Duration.ofSeconds(20)).get(30, TimeUnit.SECONDS);
            assertThat(failed.errorType()).isEqualTo("java.lang.IllegalArgumentException");
            assertThat(failed.errorMessage()).isEqualTo("asked to fail");

            assertThat(fn.isAlive()).isTrue();
            fn.close();
            assertThat(fn.isAlive()).isFalse();
        }
        assertThat(Files.readString(log)).contains("=== ", "starting echo (HTTP)");
    }
}
