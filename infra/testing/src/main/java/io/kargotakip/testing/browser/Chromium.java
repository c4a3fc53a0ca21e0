package io.kargotakip.testing.browser;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium for tests, driven over the Chrome DevTools Protocol ({@link DevTools}), without Selenium or
 * chromedriver. {@link #launch()} starts the system's {@code chromium} (or {@code KARGO_CHROMIUM}) on a fresh profile
 * in a temporary directory and connects to the {@code DevTools listening on ws://…} address it prints;
 * {@link #open(String)} opens a page and waits for its load; {@link #close()} kills the browser and deletes the
 * profile.
 * <pre>{@code
 * try (Chromium chromium = Chromium.launch()) {
 *     chromium.grantPermissions("http://localhost:8080", "notifications");
 *     Page page = chromium.open("http://localhost:8080/order");
 *     JsonNode title = page.evaluate("document.title");
 * }
 * }</pre>
 */
public final class Chromium implements AutoCloseable {

    /** Where to get it, in the one line a test fails with when it is missing. */
    static final String MISSING = "the browser tests need Chromium: apt-get install chromium (.ci/run installs it), or set KARGO_CHROMIUM to its executable";
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final DevTools devTools;
    private final Deque<String> stderr;

    private Chromium(Process process, Path profile, DevTools devTools, Deque<String> stderr) {
        this.process = process;
        this.profile = profile;
        this.devTools = devTools;
        this.stderr = stderr;
    }

    /** Starts headless Chromium; fails with one line saying how to install it when there is none. */
    public static Chromium launch() {
        String executable = executable(System.getenv()).orElseThrow(() -> new IllegalStateException(MISSING));
        Path profile;
        try {
            profile = Files.createTempDirectory("kargo-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Process process;
        try {
            process = new ProcessBuilder(executable, "--headless=new", "--no-sandbox", "--remote-debugging-port=0",
                    "--user-data-dir=" + profile, "--no-first-run", "--no-default-browser-check", "about:blank")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            delete(profile);
            throw new IllegalStateException("cannot start " + executable + ": " + e.getMessage() + "; " + MISSING, e);
        }
        // stderr is read to its end (a full pipe would stall the browser); the last lines explain a failure
        Deque<String> lines = new ArrayDeque<>();
        CompletableFuture<String> endpoint = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    Matcher listening = LISTENING.matcher(line);
                    if (listening.find()) {
                        endpoint.complete(listening.group(1));
                    }
                    synchronized (lines) {
                        lines.addLast(line);
                        if (lines.size() > 40) {
                            lines.removeFirst();
                        }
                    }
                }
            } catch (IOException ignored) {
                // the browser is gone
            }
            endpoint.completeExceptionally(new IllegalStateException("Chromium exited before it listened"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            URI address = URI.create(endpoint.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            return new Chromium(process, profile, new DevTools(address), lines);
        } catch (InterruptedException | ExecutionException | TimeoutException | RuntimeException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            stop(process);
            delete(profile);
            String said;
            synchronized (lines) {
                said = String.join("\n", lines);
            }
            throw new IllegalStateException("Chromium (" + executable + ") did not open its DevTools endpoint: " + e + "\n" + said, e);
        }
    }

    /** {@code KARGO_CHROMIUM} if set, else {@code chromium} on the PATH. */
    static Optional<String> executable(java.util.Map<String, String> env) {
        String configured = env.get("KARGO_CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? Optional.of(configured) : Optional.empty();
        }
        String path = env.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "chromium");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate.toString());
            }
        }
        return Optional.empty();
    }

    /** The connection, for commands and events no method here covers. */
    public DevTools devTools() {
        return devTools;
    }

    /** A browser-level command ({@code Browser.*}, {@code Target.*}). */
    public com.fasterxml.jackson.databind.JsonNode send(String method, ObjectNode params) {
        return devTools.send(null, method, params, TIMEOUT);
    }

    /** {@code Browser.grantPermissions} for an origin ({@code http://localhost:8080}): e.g. {@code notifications}. */
    public void grantPermissions(String origin, String... permissions) {
        ObjectNode params = DevTools.JSON.createObjectNode().put("origin", origin);
        Stream.of(permissions).forEach(params.putArray("permissions")::add);
        send("Browser.grantPermissions", params);
    }

    /** A new tab, attached as a flattened session, at {@code url} once its load event fired. */
    public Page open(String url) {
        String targetId = send("Target.createTarget", DevTools.JSON.createObjectNode().put("url", "about:blank")).path("targetId").asText();
        String sessionId = send("Target.attachToTarget", DevTools.JSON.createObjectNode().put("targetId", targetId).put("flatten", true))
                .path("sessionId").asText();
        Page page = new Page(devTools, sessionId);
        page.send("Page.enable", null);
        page.send("Runtime.enable", null);
        page.navigate(url);
        return page;
    }

    /**
     * A session on a target that is already there ({@code Target.getTargets}: a service worker, another tab), attached
     * flattened; its domains are not enabled.
     */
    public Page attach(String targetId) {
        String sessionId = send("Target.attachToTarget", DevTools.JSON.createObjectNode().put("targetId", targetId).put("flatten", true))
                .path("sessionId").asText();
        return new Page(devTools, sessionId);
    }

    /** The browser's process, to check it ended. */
    ProcessHandle process() {
        return process.toHandle();
    }

    /** The temporary profile directory, deleted by {@link #close()}. */
    Path profile() {
        return profile;
    }

    /** The browser's last lines on stderr (console messages of pages are not among them: see {@link Page}). */
    public String stderr() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    /** Kills the browser (and its renderers) and deletes its profile. */
    @Override
    public void close() {
        devTools.close();
        stop(process);
        delete(profile);
    }

    private static void stop(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // a file the last renderer still wrote; the temp dir is the system's
        }
    }
}
