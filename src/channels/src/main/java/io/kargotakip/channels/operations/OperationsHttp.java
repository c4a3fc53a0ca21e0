package io.kargotakip.channels.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kargotakip.core.operations.OperationsException;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The HTTP calls of the operations destinations, on the JDK's client, and what their failures mean: no answer in
 * time, 408, 429 and 5xx are retryable (after the {@code Retry-After} the destination sent); any other 4xx is final,
 * with the provider's own message. A message names the destination ({@code Zendesk}, {@code the ops webhook}), never
 * its URL (a Slack webhook's URL is its secret) or credentials, and e-mail addresses in a provider's answer are masked.
 */
final class OperationsHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    /** How much of a provider's message goes into ours. */
    private static final int MAX_MESSAGE = 300;
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+");

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;

    OperationsHttp(HttpClient http, Duration timeout, Clock clock) {
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** An answer with a 2xx status. */
    record Answer(int status, String body) {
        JsonNode json() {
            return parse(body);
        }
    }

    /**
     * Sends the request; a 2xx answer is returned, anything else thrown as what it means.
     *
     * @param what         the destination as messages name it
     * @param errorMessage the provider's message in its error body (null when it has none)
     */
    Answer send(HttpRequest.Builder request, String what, Function<Answer, String> errorMessage) throws OperationsException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(timeout).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new OperationsException(what + " did not answer within " + timeout.toSeconds() + " s", true, null, e);
        } catch (IOException e) {
            throw new OperationsException(what + " unreachable: " + e.getClass().getSimpleName(), true, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationsException("interrupted while calling " + what, true, null, e);
        }
        Answer answer = new Answer(response.statusCode(), response.body() == null ? "" : response.body());
        int status = answer.status();
        if (status / 100 == 2) {
            return answer;
        }
        String said = clean(errorMessage.apply(answer));
        String message = what + " answered HTTP " + status + (said == null ? "" : ": " + said);
        boolean retryable = status == 408 || status == 429 || status >= 500;
        Duration after = retryable ? retryAfter(response.headers().firstValue("Retry-After").orElse(null), clock.instant()) : null;
        throw new OperationsException(message, retryable, after, null);
    }

    static HttpRequest.Builder postJson(URI uri, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return b;
    }

    /** {@code Retry-After}: seconds, or an HTTP date (RFC 9110); null when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (RuntimeException notADate) {
                return null;
            }
        }
    }

    static JsonNode parse(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node == null ? JSON.createObjectNode() : node;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    static byte[] write(Object tree) {
        try {
            return JSON.writeValueAsBytes(tree);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One line, short, e-mail addresses masked: what of a provider's answer may go into a log. */
    static String clean(String said) {
        if (said == null || said.isBlank()) {
            return null;
        }
        String line = EMAIL.matcher(said.replaceAll("\\s+", " ").strip()).replaceAll("<e-mail>");
        return line.length() > MAX_MESSAGE ? line.substring(0, MAX_MESSAGE) + "…" : line;
    }

    static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
