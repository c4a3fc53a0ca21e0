package io.kargotakip.emulators.helpdesk;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kargotakip.emulators.LoopbackHttpServer;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The merchant's people, locally: a helpdesk that takes tickets in the generic JSON format ({@code POST /api/tickets},
 * answered {@code 201 {"id": "HD-<n>"}}) and a Slack-compatible incoming webhook ({@code POST /hooks/ops}, answered
 * {@code ok}). It keeps every request as it came, for the demo and the tests to read.
 */
public final class HelpdeskSandbox implements AutoCloseable {

    /** One request as it arrived: path, headers of interest and body. */
    public record Received(String path, String idempotencyKey, String body) {
    }

    private final HttpServer server;
    private final List<Received> tickets = new CopyOnWriteArrayList<>();
    private final List<Received> alerts = new CopyOnWriteArrayList<>();

    public HelpdeskSandbox() {
        server = LoopbackHttpServer.start("helpdesk stand-in", java.util.Map.of(
                "/api/tickets", exchange -> receive(exchange, tickets, 201, () -> "{\"id\": \"HD-" + tickets.size() + "\"}"),
                "/hooks/ops", exchange -> receive(exchange, alerts, 200, () -> "ok")));
    }

    private static void receive(HttpExchange exchange, List<Received> into, int status, java.util.function.Supplier<String> answer)
            throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            into.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
            byte[] out = answer.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", status == 201 ? "application/json" : "text/plain");
            exchange.sendResponseHeaders(status, out.length);
            exchange.getResponseBody().write(out);
        }
    }

    public URI ticketsUrl() {
        return LoopbackHttpServer.uri(server).resolve("/api/tickets");
    }

    public URI webhookUrl() {
        return LoopbackHttpServer.uri(server).resolve("/hooks/ops");
    }

    public List<Received> tickets() {
        return List.copyOf(tickets);
    }

    public List<Received> alerts() {
        return List.copyOf(alerts);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
