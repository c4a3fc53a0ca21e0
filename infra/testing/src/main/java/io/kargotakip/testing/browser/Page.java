package io.kargotakip.testing.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.function.Predicate;

/** One tab of a {@link Chromium}, a flattened DevTools session: every command and event carries its session id. */
public final class Page {

    /** The page's script threw, or the promise it returned rejected: the message is the error's, as the console shows it. */
    public static final class ScriptFailed extends RuntimeException {
        ScriptFailed(String description) {
            super(description);
        }
    }

    private final DevTools devTools;
    private final String sessionId;

    Page(DevTools devTools, String sessionId) {
        this.devTools = devTools;
        this.sessionId = sessionId;
    }

    /** {@code Page.navigate} and the page's load event; a page that did not load at all (a refused connection) fails. */
    public void navigate(String url) {
        int mark = devTools.mark();
        JsonNode navigated = send("Page.navigate", DevTools.JSON.createObjectNode().put("url", url));
        if (navigated.hasNonNull("errorText")) {
            throw new IllegalStateException("cannot open " + url + ": " + navigated.get("errorText").asText());
        }
        await(mark, "Page.loadEventFired", params -> true, Chromium.TIMEOUT);
    }

    /**
     * Evaluates a JavaScript expression in the page, as if from the user's click (so permission prompts and the like
     * may run), waits for the promise it returns, and answers its value as JSON (null for {@code undefined}).
     *
     * @throws ScriptFailed when it throws or its promise rejects
     */
    public JsonNode evaluate(String expression) {
        JsonNode result = send("Runtime.evaluate", DevTools.JSON.createObjectNode().put("expression", expression)
                .put("awaitPromise", true).put("returnByValue", true).put("userGesture", true));
        if (result.has("exceptionDetails")) {
            JsonNode details = result.get("exceptionDetails");
            JsonNode exception = details.path("exception");
            String description = exception.hasNonNull("description") ? exception.get("description").asText()
                    : exception.has("value") ? exception.get("value").toString() : details.path("text").asText();
            throw new ScriptFailed(description);
        }
        return result.path("result").path("value");
    }

    /** A phone's screen (390 × 844 CSS pixels, mobile), as most customers open a tracking link. */
    public void phone() {
        send("Emulation.setDeviceMetricsOverride", DevTools.JSON.createObjectNode().put("width", 390).put("height", 844)
                .put("deviceScaleFactor", 1).put("mobile", true));
    }

    /** A PNG of the whole page, kept at {@code file} (a test artefact). */
    public void screenshot(java.nio.file.Path file) {
        JsonNode shot = send("Page.captureScreenshot", DevTools.JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true));
        try {
            java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
            java.nio.file.Files.write(file, java.util.Base64.getDecoder().decode(shot.path("data").asText()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits until the expression is true in the page (a script's fetch landed, a navigation finished), at most 15 s. */
    public void awaitTrue(String expression) {
        java.time.Instant until = java.time.Instant.now().plusSeconds(15);
        while (!evaluate(expression).asBoolean()) {
            if (java.time.Instant.now().isAfter(until)) {
                throw new AssertionError("the page never had " + expression + ": " + evaluate("document.body.innerText").asText());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + expression);
            }
        }
    }

    /** Any command to this page's session; {@code params} may be null. */
    public JsonNode send(String method, ObjectNode params) {
        return devTools.send(sessionId, method, params, Chromium.TIMEOUT);
    }

    /** Where the events of this page stand now: {@link #await} from a mark looks only at later ones. */
    public int mark() {
        return devTools.mark();
    }

    /** The first event of this page since {@code mark} with that method whose params match. */
    public JsonNode await(int mark, String method, Predicate<JsonNode> params, Duration timeout) {
        return devTools.await(mark, sessionId, method, params, timeout).params();
    }

    /** The first event of this page (since it opened) with that method whose params match. */
    public JsonNode await(String method, Predicate<JsonNode> params) {
        return await(0, method, params, Chromium.TIMEOUT);
    }
}
