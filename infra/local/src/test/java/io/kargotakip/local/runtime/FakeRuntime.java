package io.kargotakip.local.runtime;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A function's runtime as the tests need it: one thread that does what a Lambda runtime does —
 * {@code GET /invocation/next}, run the handler, {@code POST .../response} or {@code .../error} — against
 * the Runtime API at {@code address}.
 */
final class FakeRuntime implements AutoCloseable {

    record Request(String requestId, String event, HttpHeaders headers) {
    }

    /** What the handler does with one event; {@code delayMs} simulates work. */
    record Reply(boolean error, String body, long delayMs) {
        static Reply response(String json) {
            return new Reply(false, json, 0);
        }

        static Reply error(String type, String message) {
            return new Reply(true, "{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + type
                    + "\",\"stackTrace\":[\"io.example.Handler.handle(Handler.java:42)\"]}", 0);
        }

        Reply after(long ms) {
            return new Reply(error, body, ms);
        }
    }

    final List<Request> seen = new CopyOnWriteArrayList<>();
    final List<Integer> postStatuses = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final Function<Request, Reply> handler;
    private final Thread thread;
    private volatile boolean running = true;

    FakeRuntime(String address, Function<Request, Reply> handler) {
        this.base = "http://" + address + "/2018-06-01/runtime/";
        this.handler = handler;
        this.thread = new Thread(this::loop, "fake-runtime");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits until the runtime has had {@code n} answers accepted (the API completes the invocation before replying). */
    List<Integer> awaitPosts(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (postStatuses.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return postStatuses;
    }

    /** What a runtime does when its handler cannot be initialised. */
    static void postInitError(String address, String type, String message) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + address + "/2018-06-01/runtime/init/error"))
                .header("Lambda-Runtime-Function-Error-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString("{\"errorMessage\":\"" + message + "\",\"errorType\":\"" + type + "\"}"))
                .build(), HttpResponse.BodyHandlers.discarding());
    }

    private void loop() {
        while (running) {
            try {
                HttpResponse<byte[]> next = http.send(HttpRequest.newBuilder(URI.create(base + "invocation/next")).GET().build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                if (next.statusCode() != 200) {
                    return;
                }
                String id = next.headers().firstValue("Lambda-Runtime-Aws-Request-Id").orElseThrow();
                Request req = new Request(id, new String(next.body(), StandardCharsets.UTF_8), next.headers());
                seen.add(req);
                Reply reply = handler.apply(req);
                if (reply.delayMs() > 0) {
                    Thread.sleep(reply.delayMs());
                }
                HttpResponse<Void> posted = http.send(HttpRequest.newBuilder(URI.create(base + "invocation/" + id + (reply.error() ? "/error" : "/response")))
                        .POST(HttpRequest.BodyPublishers.ofString(reply.body())).build(), HttpResponse.BodyHandlers.discarding());
                postStatuses.add(posted.statusCode());
            } catch (IOException e) {
                return; // the API went away
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(2000);
    }
}
