package io.kargotakip.local;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.kargotakip.aws.store.NotificationRepository;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * The local mode's outbox as a page ({@code /outbox}, and {@code /outbox.json}: the same rows as {@code kargo outbox}),
 * on loopback, read afresh on every request. Recipients are masked as in the CLI; everything shown is HTML-escaped.
 */
final class OutboxPage implements AutoCloseable {

    private final HttpServer server;
    private final Supplier<Outbox> outbox;

    private OutboxPage(HttpServer server, Supplier<Outbox> outbox) {
        this.server = server;
        this.outbox = outbox;
    }

    static OutboxPage start(NotificationRepository notifications) throws IOException {
        HttpServer server = io.kargotakip.emulators.LoopbackHttpServer.create(0);
        OutboxPage page = new OutboxPage(server, () -> Outbox.read(notifications));
        server.createContext("/outbox", page::handle);
        server.start();
        return page;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/outbox");
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            if (!"GET".equals(ex.getRequestMethod())) {
                reply(ex, 405, "text/plain; charset=utf-8", "GET only");
                return;
            }
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
            if (ex.getRequestURI().getPath().equals("/outbox.json")) {
                outbox.get().printJson(out);
                reply(ex, 200, "application/x-ndjson; charset=utf-8", text.toString(StandardCharsets.UTF_8));
                return;
            }
            outbox.get().print(out);
            String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Kargo Takip outbox</title></head>"
                    + "<body><h1>Outbox</h1><p>Every message of the local stack; recipients masked. JSON: "
                    + "<a href=\"/outbox.json\">/outbox.json</a></p><pre>" + escape(text.toString(StandardCharsets.UTF_8)) + "</pre></body></html>";
            reply(ex, 200, "text/html; charset=utf-8", html);
        } finally {
            ex.close();
        }
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static void reply(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
