package io.kargotakip.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The AWS JSON 1.1 protocol the SSM, Firehose and Athena stand-ins answer: {@code POST /} with
 * {@code X-Amz-Target: <prefix>.<Operation>} and a JSON body; answers as {@code application/x-amz-json-1.1}, errors as
 * {@code {"__type": ..., "message": ...}} with the type in {@code x-amzn-ErrorType}. One operation is one handler.
 */
public final class AwsJsonProtocol {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** One operation: the exchange to answer and the parsed request. */
    public interface Operation {
        void handle(HttpExchange exchange, JsonNode request) throws IOException;
    }

    private AwsJsonProtocol() {
    }

    /** Reads the request and calls its operation; an unknown one, a body that is not JSON or a crash answer as AWS does. */
    public static void dispatch(HttpExchange exchange, String targetPrefix, Map<String, Operation> operations) throws IOException {
        try (exchange) {
            String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (!exchange.getRequestMethod().equals("POST") || !target.startsWith(targetPrefix + ".")) {
                error(exchange, "UnknownOperationException", "this stand-in answers POST / with X-Amz-Target: " + targetPrefix + ".<Operation>");
                return;
            }
            JsonNode request;
            try {
                request = JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
            } catch (IOException e) {
                error(exchange, "SerializationException", "the request body is not JSON");
                return;
            }
            Operation operation = operations.get(target.substring(targetPrefix.length() + 1));
            if (operation == null) {
                error(exchange, "UnknownOperationException", "this stand-in does not implement " + target);
                return;
            }
            operation.handle(exchange, request);
        } catch (RuntimeException e) {
            error(exchange, 500, "InternalFailure", "internal error");
        }
    }

    public static void error(HttpExchange exchange, String type, String message) throws IOException {
        error(exchange, 400, type, message);
    }

    public static void error(HttpExchange exchange, int status, String type, String message) throws IOException {
        ObjectNode e = JSON.createObjectNode();
        e.put("__type", type);
        if (message != null) {
            e.put("message", message);
        }
        exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
        send(exchange, status, e.toString());
    }

    public static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream o = exchange.getResponseBody()) {
            o.write(bytes);
        }
    }
}
