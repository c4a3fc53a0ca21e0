package io.kargotakip.testing.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * One Chrome DevTools Protocol connection (the browser's {@code ws://…/devtools/browser/…} endpoint) on the JDK's
 * WebSocket. A command is {@code {"id","method","params"}}, plus {@code "sessionId"} when it goes to a page attached
 * with {@code flatten: true}; its answer carries the same id with {@code "result"} or {@code "error"}. Everything else
 * that arrives is an event ({@code "method","params"}, and {@code "sessionId"} when a page sent it): every event is
 * kept, so a wait also finds one that came before it started (use {@link #mark()} to look only at later ones).
 */
public final class DevTools implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();

    /** An event as it came: {@code sessionId} null for the browser's own. */
    public record Event(String sessionId, String method, JsonNode params) {
    }

    /** The browser answered a command with an error. */
    public static final class CommandFailed extends RuntimeException {
        CommandFailed(String method, JsonNode error) {
            super(method + " failed: " + error);
        }
    }

    private final WebSocket socket;
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final List<Event> events = new ArrayList<>();
    private volatile Throwable broken;

    DevTools(URI endpoint) {
        try {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(endpoint, new Listener()).get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to " + endpoint, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot connect to Chromium's DevTools at " + endpoint, e);
        }
    }

    /** Sends a command (to a page's session, or the browser's when {@code sessionId} is null) and waits for its result. */
    public JsonNode send(String sessionId, String method, ObjectNode params, Duration timeout) {
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params == null ? JSON.createObjectNode() : params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        try {
            synchronized (socket) { // one frame at a time: the JDK's WebSocket refuses a send while another is under way
                socket.sendText(message.toString(), true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            JsonNode reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (reply.has("error")) {
                throw new CommandFailed(method, reply.get("error"));
            }
            return reply.path("result");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for " + method, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(method + ": the DevTools connection failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + ": no answer within " + timeout + (broken == null ? "" : " (" + broken + ")"));
        } finally {
            pending.remove(id);
        }
    }

    /** How many events came so far: {@link #await} from this mark looks only at the ones after it. */
    public int mark() {
        synchronized (events) {
            return events.size();
        }
    }

    /** The first event since {@code mark} of that session (null: the browser's) and method whose params match. */
    public Event await(int mark, String sessionId, String method, Predicate<JsonNode> params, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (events) {
            int seen = mark;
            while (true) {
                for (; seen < events.size(); seen++) {
                    Event event = events.get(seen);
                    if (method.equals(event.method()) && java.util.Objects.equals(sessionId, event.sessionId()) && params.test(event.params())) {
                        return event;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || broken != null) {
                    throw new IllegalStateException("no " + method + " event matched within " + timeout
                            + (broken == null ? "" : " (connection: " + broken + ")"));
                }
                try {
                    events.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted waiting for " + method, e);
                }
            }
        }
    }

    private void received(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("DevTools sent what is not JSON: " + text, e);
        }
        if (message.has("id")) {
            CompletableFuture<JsonNode> answer = pending.get(message.get("id").asLong());
            if (answer != null) {
                answer.complete(message);
            }
            return;
        }
        Event event = new Event(message.hasNonNull("sessionId") ? message.get("sessionId").asText() : null,
                message.path("method").asText(), message.path("params"));
        synchronized (events) {
            events.add(event);
            events.notifyAll();
        }
    }

    private void failed(Throwable reason) {
        broken = reason;
        pending.values().forEach(answer -> answer.completeExceptionally(reason));
        synchronized (events) {
            events.notifyAll();
        }
    }

    @Override
    public void close() {
        socket.abort();
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String message = text.toString();
                text.setLength(0);
                received(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            failed(new IllegalStateException("closed by Chromium: " + statusCode + " " + reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            failed(error);
        }
    }
}
