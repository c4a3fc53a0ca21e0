package io.kargotakip.local.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a packaged function, run by {@link FunctionProcessTest} under AWS's real runtime interface
 * client (so only the JDK and aws-lambda-java-core are on its class path): echoes the event with what the
 * runtime told it, and fails on an event containing {@code "fail":true}; {@code "crash":true} ends its
 * process at once (as a crash or the OOM killer would), {@code "hang":true} never returns.
 */
public class EchoHandler implements RequestStreamHandler {

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        if (event.contains("\"fail\":true")) {
            throw new IllegalArgumentException("asked to fail");
        }
        if (event.contains("\"crash\":true")) {
            Runtime.getRuntime().halt(137);
        }
        if (event.contains("\"hang\":true")) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String out = "{\"event\":" + event
                + ",\"requestId\":\"" + context.getAwsRequestId() + "\""
                + ",\"functionName\":\"" + context.getFunctionName() + "\""
                + ",\"arn\":\"" + context.getInvokedFunctionArn() + "\""
                + ",\"memory\":" + context.getMemoryLimitInMB()
                + ",\"remainingMs\":" + context.getRemainingTimeInMillis()
                + ",\"region\":\"" + System.getenv("AWS_REGION") + "\""
                + ",\"tz\":\"" + System.getenv("TZ") + "\""
                + ",\"encoding\":\"" + System.getProperty("file.encoding") + "\""
                + ",\"custom\":\"" + System.getenv("KARGO_TABLE") + "\"}";
        output.write(out.getBytes(StandardCharsets.UTF_8));
    }
}
