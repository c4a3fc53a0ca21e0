package io.kargotakip.emulators.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kargotakip.emulators.AwsJsonProtocol;
import io.kargotakip.emulators.LoopbackHttpServer;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A local stand-in for AWS Systems Manager Parameter Store's {@code GetParameter} and {@code PutParameter}, in SSM's
 * published wire format (the AWS JSON 1.1 protocol: {@code POST /} with {@code X-Amz-Target: AmazonSSM.<Operation>} and a
 * JSON body; errors as {@code {"__type": ..., "message": ...}} with status 400). Each put of a parameter raises its
 * {@code Version} by one, as SSM does; a put of an existing name without {@code Overwrite} is
 * {@code ParameterAlreadyExists}. A {@code SecureString} is returned in clear only with {@code WithDecryption}, else as an
 * opaque ciphertext. {@link #deny(String)} makes one parameter answer {@code AccessDeniedException}, as a missing IAM grant
 * does. No authentication is checked. The product's client is pointed here by {@code KARGO_ENDPOINT_SSM}.
 */
public final class SsmSandbox implements AutoCloseable {

    public static final String ENDPOINT_SETTING = "KARGO_ENDPOINT_SSM";
    static final String REGION = "us-east-1";
    static final String ACCOUNT = "000000000000";

    /** One parameter's current version. */
    public record Parameter(String name, String type, String value, long version, Instant lastModified) {
    }

    private static final ObjectMapper JSON = AwsJsonProtocol.JSON;
    private static final Set<String> TYPES = Set.of("String", "StringList", "SecureString");

    private final HttpServer server;
    private final Map<String, Parameter> parameters = new ConcurrentHashMap<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();

    public SsmSandbox() {
        server = LoopbackHttpServer.start("SSM stand-in", Map.of("/", this::handle));
    }

    /** Where the SDK is pointed ({@code endpointOverride}). */
    public URI endpoint() {
        return LoopbackHttpServer.uri(server);
    }

    /** The setting that points the product's SSM client here. */
    public Map<String, String> settings() {
        return Map.of(ENDPOINT_SETTING, endpoint().toString());
    }

    /** Puts a parameter directly (what {@code aws ssm put-parameter --overwrite} would do); answers its new version. */
    public synchronized long put(String name, String type, String value) {
        Parameter previous = parameters.get(name);
        Parameter next = new Parameter(name, type, value, previous == null ? 1 : previous.version() + 1, Instant.now());
        parameters.put(name, next);
        return next.version();
    }

    public Optional<Parameter> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    /** Every call on this parameter answers {@code AccessDeniedException} until {@link #allow(String)}. */
    public void deny(String name) {
        denied.add(name);
    }

    public void allow(String name) {
        denied.remove(name);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        AwsJsonProtocol.dispatch(exchange, "AmazonSSM", Map.of("GetParameter", this::getParameter, "PutParameter", this::putParameter));
    }

    private void getParameter(HttpExchange exchange, JsonNode request) throws IOException {
        String name = request.path("Name").asText("");
        if (name.isEmpty()) {
            AwsJsonProtocol.error(exchange, "ValidationException", "1 validation error detected: Value null at 'name' failed to satisfy constraint: Member must not be null");
            return;
        }
        if (denied.contains(name)) {
            AwsJsonProtocol.error(exchange, "AccessDeniedException", "User: arn:aws:sts::" + ACCOUNT + ":assumed-role/kargo is not authorized to perform: ssm:GetParameter on resource: " + arn(name));
            return;
        }
        Parameter p = parameters.get(name);
        if (p == null) {
            AwsJsonProtocol.error(exchange, "ParameterNotFound", null);
            return;
        }
        boolean clear = !p.type().equals("SecureString") || request.path("WithDecryption").asBoolean(false);
        ObjectNode answer = JSON.createObjectNode();
        answer.putObject("Parameter")
                .put("ARN", arn(name))
                .put("DataType", "text")
                .put("LastModifiedDate", p.lastModified().toEpochMilli() / 1000.0)
                .put("Name", p.name())
                .put("Type", p.type())
                .put("Value", clear ? p.value() : ciphertext(p))
                .put("Version", p.version());
        AwsJsonProtocol.send(exchange, 200, answer.toString());
    }

    private void putParameter(HttpExchange exchange, JsonNode request) throws IOException {
        String name = request.path("Name").asText("");
        String value = request.path("Value").isTextual() ? request.get("Value").asText() : null;
        String type = request.path("Type").asText("");
        if (name.isEmpty() || value == null) {
            AwsJsonProtocol.error(exchange, "ValidationException", "1 validation error detected: Name and Value are required");
            return;
        }
        if (denied.contains(name)) {
            AwsJsonProtocol.error(exchange, "AccessDeniedException", "User: arn:aws:sts::" + ACCOUNT + ":assumed-role/kargo is not authorized to perform: ssm:PutParameter on resource: " + arn(name));
            return;
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > 4096 && !"Advanced".equals(request.path("Tier").asText())) {
            AwsJsonProtocol.error(exchange, "ValidationException", "Standard tier parameters support a maximum parameter value of 4096 characters. To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.");
            return;
        }
        synchronized (this) {
            Parameter previous = parameters.get(name);
            if (previous != null && !request.path("Overwrite").asBoolean(false)) {
                AwsJsonProtocol.error(exchange, "ParameterAlreadyExists", "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
                return;
            }
            if (type.isEmpty()) {
                if (previous == null) {
                    AwsJsonProtocol.error(exchange, "ValidationException", "A parameter type is required when you create a parameter.");
                    return;
                }
                type = previous.type();
            }
            if (!TYPES.contains(type)) {
                AwsJsonProtocol.error(exchange, "ValidationException", "1 validation error detected: Value '" + type + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]");
                return;
            }
            long version = put(name, type, value);
            ObjectNode answer = JSON.createObjectNode();
            answer.put("Tier", request.path("Tier").asText("Standard")).put("Version", version);
            AwsJsonProtocol.send(exchange, 200, answer.toString());
        }
    }

    /** SSM's ARN of a parameter: the name's leading slash is not doubled. */
    static String arn(String name) {
        return "arn:aws:ssm:" + REGION + ":" + ACCOUNT + ":parameter" + (name.startsWith("/") ? name : "/" + name);
    }

    private static String ciphertext(Parameter p) {
        return Base64.getEncoder().encodeToString(("kms:" + UUID.nameUUIDFromBytes((p.name() + p.version()).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8));
    }
}
