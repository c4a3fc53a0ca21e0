package io.kargotakip.local.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * An API Gateway HTTP API on 127.0.0.1: each request becomes a payload-format-2.0 event for the function
 * its route names, and the function's response becomes the HTTP response. Errors answer with RFC 9457
 * problem JSON, never with a stack trace.
 */
public final class HttpApiFront implements AutoCloseable {


    /** API Gateway's request payload limit. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;
    /** API Gateway's longest integration timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final String API_ID = "kargolocal";

    private static final System.Logger LOG = System.getLogger(HttpApiFront.class.getName());
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection", "keep-alive", "date");
    /**
     * Request headers that belong to the client's connection with the gateway, which the gateway answers
     * itself and does not hand to the function. Passed on, {@code Expect: 100-continue} (curl sends it for
     * bodies over 1 KB) made Quarkus's HTTP handler answer {@code 100 Continue} as the function's result,
     * and the caller then waited for a final response that never came.
     */
    private static final Set<String> CONNECTION_HEADERS = Set.of("expect", "connection", "keep-alive", "upgrade",
            "http2-settings", "te", "transfer-encoding", "proxy-connection");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<Route> routes;
    private final HttpServer server;
    private final ExecutorService executor;

    /** A route's function and its timeout: the front never holds a request longer. */
    public record Target(FunctionInvoker function, Duration timeout) {
        public Target {
            Objects.requireNonNull(function, "function");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /**
     * @param port    0 for a free one
     * @param routes  route key ({@code "POST /webhooks/{source}"}, {@code "ANY /orders/{proxy+}"}, {@code "$default"}) to function
     * @param timeout the function timeout handed to each invocation
     */
    public HttpApiFront(int port, Map<String, ? extends FunctionInvoker> routes, Duration timeout) throws IOException {
        this(port, targets(routes, timeout));
    }

    public HttpApiFront(int port, Map<String, Target> routes) throws IOException {
        List<Route> parsed = new ArrayList<>();
        routes.forEach((key, target) -> parsed.add(Route.parse(key, Objects.requireNonNull(target, key))));
        parsed.sort(Comparator.comparingInt(Route::rank));
        this.routes = List.copyOf(parsed);
        this.executor = Executors.newCachedThreadPool(LambdaRuntimeApi.daemonThreads("http-api"));
        this.server = io.kargotakip.emulators.LoopbackHttpServer.create(port);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    private static Map<String, Target> targets(Map<String, ? extends FunctionInvoker> routes, Duration timeout) {
        Map<String, Target> targets = new LinkedHashMap<>();
        routes.forEach((key, fn) -> targets.put(key, new Target(Objects.requireNonNull(fn, key), timeout)));
        return targets;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            String method = ex.getRequestMethod();
            String rawPath = ex.getRequestURI().getRawPath();
            Map<String, String> pathParameters = new LinkedHashMap<>();
            Route route = match(method, rawPath, pathParameters);
            if (route == null) {
                drain(ex.getRequestBody());
                problem(ex, 404, "Not Found", "no route for " + method + " " + rawPath);
                return;
            }
            byte[] body = readLimited(ex);
            if (body == null) {
                problem(ex, 413, "Payload Too Large", "the request body is over API Gateway's limit of " + MAX_BODY_BYTES + " bytes");
                return;
            }
            String requestId = requestId();
            byte[] event = Json.bytes(event(ex, route, pathParameters, body, requestId));
            Duration timeout = route.target.timeout();
            Invocation.Result result;
            try {
                // the invoker ends the invocation at the timeout; the extra second only guards against one that does not
                result = route.target.function().invoke(event, timeout).get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                result = Invocation.Result.error(LambdaRuntimeApi.TIMEOUT_ERROR, "no answer");
            } catch (ExecutionException e) {
                LOG.log(System.Logger.Level.WARNING, route.key + " failed: " + e.getCause());
                problem(ex, 502, "Bad Gateway", "the function could not be invoked");
                return;
            }
            ex.getResponseHeaders().set("apigw-requestid", requestId);
            if (result.isError() && result.errorType().equals(LambdaRuntimeApi.TIMEOUT_ERROR)) {
                LOG.log(System.Logger.Level.WARNING, route.key + " timed out: " + result);
                problem(ex, 504, "Gateway Timeout", String.format(Locale.ROOT, "the function did not answer within %.1f s", timeout.toMillis() / 1000.0));
                return;
            }
            if (result.isError()) {
                LOG.log(System.Logger.Level.WARNING, route.key + " failed: " + result);
                problem(ex, 502, "Bad Gateway", "the function failed (" + result.errorType() + ")");
                return;
            }
            respond(ex, method, result.payload());
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "HTTP exchange failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Route match(String method, String rawPath, Map<String, String> params) {
        for (Route r : routes) {
            params.clear();
            if (r.matches(method, rawPath, params)) {
                return r;
            }
        }
        params.clear();
        return null;
    }

    /** The payload-format-2.0 event, fields in the order API Gateway writes them. */
    static ObjectNode event(HttpExchange ex, Route route, Map<String, String> pathParameters, byte[] body, String requestId) {
        Instant now = Instant.now();
        String rawPath = ex.getRequestURI().getRawPath();
        String rawQuery = ex.getRequestURI().getRawQuery();
        String sourceIp = ex.getRemoteAddress().getAddress().getHostAddress();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        ex.getRequestHeaders().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) { // format 2.0 moves cookies out of the headers
                values.forEach(v -> {
                    for (String c : v.split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.trim());
                        }
                    }
                });
            } else if (!CONNECTION_HEADERS.contains(lower)) {
                headers.merge(lower, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        headers.putIfAbsent("x-forwarded-for", sourceIp);
        headers.putIfAbsent("x-forwarded-port", Integer.toString(ex.getLocalAddress().getPort()));
        headers.putIfAbsent("x-forwarded-proto", "http");
        headers.putIfAbsent("x-amzn-trace-id", LambdaRuntimeApi.traceId().replaceFirst(";Parent=.*$", ""));
        String host = headers.getOrDefault("host", "127.0.0.1:" + ex.getLocalAddress().getPort());

        ObjectNode e = Json.object();
        e.put("version", "2.0");
        e.put("routeKey", route.key);
        e.put("rawPath", rawPath);
        e.put("rawQueryString", rawQuery == null ? "" : rawQuery);
        if (!cookies.isEmpty()) {
            cookies.forEach(e.putArray("cookies")::add);
        }
        ObjectNode h = e.putObject("headers");
        headers.forEach(h::put);
        Map<String, String> query = query(rawQuery);
        if (!query.isEmpty()) {
            ObjectNode q = e.putObject("queryStringParameters");
            query.forEach(q::put);
        }
        ObjectNode ctx = e.putObject("requestContext");
        ctx.put("accountId", LambdaRuntimeApi.ACCOUNT_ID);
        ctx.put("apiId", API_ID);
        ctx.put("domainName", host);
        ctx.put("domainPrefix", host.split("[.:]", 2)[0]);
        ObjectNode http = ctx.putObject("http");
        http.put("method", ex.getRequestMethod());
        http.put("path", rawPath);
        http.put("protocol", ex.getProtocol());
        http.put("sourceIp", sourceIp);
        http.put("userAgent", headers.getOrDefault("user-agent", ""));
        ctx.put("requestId", requestId);
        ctx.put("routeKey", route.key);
        ctx.put("stage", "$default");
        ctx.put("time", TIME.format(now));
        ctx.put("timeEpoch", now.toEpochMilli());
        boolean base64 = false;
        if (body.length > 0) {
            Charset text = textCharset(headers.get("content-type"));
            base64 = text == null;
            e.put("body", base64 ? Base64.getEncoder().encodeToString(body) : new String(body, text));
        }
        if (!pathParameters.isEmpty()) {
            ObjectNode p = e.putObject("pathParameters");
            pathParameters.forEach(p::put);
        }
        e.put("isBase64Encoded", base64);
        return e;
    }

    /**
     * The charset of a textual body (JSON, text, form, XML), or null for a binary one, which API Gateway
     * passes base64-encoded.
     */
    static Charset textCharset(String contentType) {
        if (contentType == null) {
            return null;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        String type = parts[0].trim();
        boolean textual = type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/x-www-form-urlencoded") || type.equals("application/xml") || type.endsWith("+xml")
                || type.equals("application/javascript") || type.equals("application/graphql");
        if (!textual) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.startsWith("charset=")) {
                try {
                    return Charset.forName(p.substring("charset=".length()).replace("\"", ""));
                } catch (IllegalArgumentException unknown) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static Map<String, String> query(String rawQuery) {
        Map<String, String> q = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return q;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            q.merge(k, v, (a, b) -> a + "," + b);
        }
        return q;
    }

    static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }

    /** Percent-decoding for a path segment, where '+' is a plus sign and not a space. */
    static String decodePath(String s) {
        return decode(s.replace("+", "%2B"));
    }

    /** Maps a format-2.0 response back; a JSON answer without {@code statusCode} is a 200 JSON body, as API Gateway infers. */
    private static void respond(HttpExchange ex, String method, byte[] payload) throws IOException {
        JsonNode r;
        try {
            r = payload.length == 0 ? null : Json.MAPPER.readTree(payload);
        } catch (IOException invalid) {
            LOG.log(System.Logger.Level.WARNING, "function response is not JSON");
            problem(ex, 502, "Bad Gateway", "the function's response is not valid JSON");
            return;
        }
        if (r == null || !r.isObject() || !r.has("statusCode")) {
            ex.getResponseHeaders().set("Content-Type", "application/json");
            send(ex, method, 200, payload);
            return;
        }
        int status = r.path("statusCode").asInt(0);
        if (status < 200 || status > 599) { // an interim 1xx is no answer: the caller would wait for the real one
            problem(ex, 502, "Bad Gateway", "the function's response has no valid statusCode");
            return;
        }
        var out = ex.getResponseHeaders();
        r.path("multiValueHeaders").fields().forEachRemaining(f -> {
            if (!HOP_BY_HOP.contains(f.getKey().toLowerCase(Locale.ROOT))) {
                f.getValue().forEach(v -> out.add(f.getKey(), v.asText()));
            }
        });
        r.path("headers").fields().forEachRemaining(f -> {
            if (!HOP_BY_HOP.contains(f.getKey().toLowerCase(Locale.ROOT))) {
                out.set(f.getKey(), f.getValue().asText());
            }
        });
        r.path("cookies").forEach(c -> out.add("Set-Cookie", c.asText()));
        byte[] body = new byte[0];
        JsonNode b = r.path("body");
        if (b.isTextual()) {
            body = r.path("isBase64Encoded").asBoolean(false)
                    ? Base64.getDecoder().decode(b.asText())
                    : b.asText().getBytes(StandardCharsets.UTF_8);
        } else if (!b.isMissingNode() && !b.isNull()) {
            body = Json.bytes(b);
        }
        send(ex, method, status, body);
    }

    private static void problem(HttpExchange ex, int status, String title, String detail) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/problem+json");
        send(ex, ex.getRequestMethod(), status, Json.problem(status, title, detail));
    }

    private static void send(HttpExchange ex, String method, int status, byte[] body) throws IOException {
        boolean noBody = method.equals("HEAD") || status == 204 || status == 304 || status < 200 || body.length == 0;
        ex.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The body, or null when it is over the limit (read to the end anyway, so the client gets our answer). */
    private static byte[] readLimited(HttpExchange ex) throws IOException {
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        boolean tooLong = false;
        try {
            tooLong = length != null && Long.parseLong(length.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException ignored) {
            // chunked or odd: counted below
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        long total = 0;
        try (InputStream in = ex.getRequestBody()) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                total += n;
                if (total > MAX_BODY_BYTES) {
                    tooLong = true;
                }
                if (!tooLong) {
                    buf.write(chunk, 0, n);
                }
            }
        }
        return tooLong ? null : buf.toByteArray();
    }

    private static void drain(InputStream in) throws IOException {
        try (in) {
            in.transferTo(OutputStream.nullOutputStream());
        }
    }

    /** An id in API Gateway's style (base64 of 10 random bytes, e.g. {@code JKJaXmPLvHcESHA=}). */
    private static String requestId() {
        byte[] b = new byte[10];
        RANDOM.nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    /** One route key: {@code METHOD /literal/{param}/{greedy+}}, {@code ANY ...} or {@code $default}. */
    static final class Route {
        final String key;
        final String method;
        final String[] segments;
        final Target target;

        private Route(String key, String method, String[] segments, Target target) {
            this.key = key;
            this.method = method;
            this.segments = segments;
            this.target = target;
        }

        static Route parse(String key, Target function) {
            String k = key.trim();
            if (k.equals("$default")) {
                return new Route(k, "ANY", null, function);
            }
            String[] parts = k.split("\\s+");
            if (parts.length != 2 || !parts[1].startsWith("/")) {
                throw new IllegalArgumentException("route key must look like \"POST /webhooks/{source}\": " + key);
            }
            String[] segments = parts[1].equals("/") ? new String[0] : parts[1].substring(1).split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                if (segments[i].endsWith("+}") && i != segments.length - 1) {
                    throw new IllegalArgumentException("a greedy {name+} must be the last segment: " + key);
                }
            }
            return new Route(parts[0].toUpperCase(Locale.ROOT) + " " + parts[1], parts[0].toUpperCase(Locale.ROOT), segments, function);
        }

        /** Most specific first, as API Gateway chooses: literal segments beat variables, greedy and ANY come last. */
        int rank() {
            if (segments == null) {
                return Integer.MAX_VALUE;
            }
            int variables = 0;
            boolean greedy = false;
            for (String s : segments) {
                if (s.startsWith("{")) {
                    variables++;
                    greedy |= s.endsWith("+}");
                }
            }
            return (greedy ? 1_000_000 : 0) + variables * 1000 - (segments.length - variables) * 10 + (method.equals("ANY") ? 1 : 0);
        }

        boolean matches(String requestMethod, String rawPath, Map<String, String> params) {
            if (!method.equals("ANY") && !method.equals(requestMethod)) {
                return false;
            }
            if (segments == null) {
                return true;
            }
            String[] actual = rawPath.equals("/") || rawPath.isEmpty() ? new String[0] : rawPath.substring(1).split("/", -1);
            for (int i = 0; i < segments.length; i++) {
                String s = segments[i];
                if (s.startsWith("{") && s.endsWith("+}")) {
                    if (i >= actual.length) {
                        return false;
                    }
                    params.put(s.substring(1, s.length() - 2), decodePath(String.join("/", List.of(actual).subList(i, actual.length))));
                    return true;
                }
                if (i >= actual.length) {
                    return false;
                }
                if (s.startsWith("{") && s.endsWith("}")) {
                    if (actual[i].isEmpty()) {
                        return false;
                    }
                    params.put(s.substring(1, s.length() - 1), decodePath(actual[i]));
                } else if (!s.equals(actual[i])) {
                    return false;
                }
            }
            return actual.length == segments.length;
        }
    }
}
