package io.kargotakip.testing.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.kargotakip.emulators.LoopbackHttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness itself, on a real headless Chromium and a page of a loopback server. */
class ChromiumTest {

    static HttpServer site;
    static String origin;

    @BeforeAll
    static void serve() throws IOException {
        site = LoopbackHttpServer.create(0);
        site.createContext("/", exchange -> {
            byte[] page = """
                    <!doctype html><html><head><meta charset="utf-8"><title>Sipariş</title></head>
                    <body><script>window.loadedAt = document.readyState; document.title = 'Sipariş 9001';</script></body></html>"""
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        site.start();
        origin = "http://localhost:" + site.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        site.stop(0);
    }

    @Test
    void opens_a_page_evaluates_awaits_promises_and_reports_their_errors() {
        try (Chromium chromium = Chromium.launch()) {
            Page page = chromium.open(origin + "/order");
            assertEquals("Sipariş 9001", page.evaluate("document.title").asText(), "the page's own script ran before the load event");
            JsonNode value = page.evaluate("new Promise(r => setTimeout(() => r({answer: 42, list: [1, 'iki']}), 50))");
            assertEquals(42, value.get("answer").asInt());
            assertEquals("iki", value.get("list").get(1).asText());
            Page.ScriptFailed rejected = assertThrows(Page.ScriptFailed.class, () -> page.evaluate("Promise.reject(new Error('olmadı'))"));
            assertTrue(rejected.getMessage().contains("olmadı"), rejected.getMessage());
            assertThrows(Page.ScriptFailed.class, () -> page.evaluate("noSuchFunction()"));
            assertThrows(DevTools.CommandFailed.class, () -> page.send("No.suchMethod", null));
        }
    }

    @Test
    void grants_permissions_per_origin() {
        try (Chromium chromium = Chromium.launch()) {
            chromium.grantPermissions(origin, "notifications");
            Page page = chromium.open(origin + "/order");
            assertEquals("granted", page.evaluate("Notification.permission").asText());
            Page other = chromium.open("http://127.0.0.1:" + site.getAddress().getPort() + "/order");
            assertNotEquals("granted", other.evaluate("Notification.permission").asText(), "another origin got nothing");
        }
    }

    @Test
    void finds_chromium_on_the_path_or_in_kargo_chromium_and_says_how_to_get_it_when_missing() {
        String path = System.getenv().getOrDefault("PATH", "");
        assertTrue(Chromium.executable(Map.of("PATH", path)).isPresent(), "these tests run with chromium on the PATH");
        assertEquals(Optional.empty(), Chromium.executable(Map.of("PATH", "/nonexistent")));
        assertEquals(Optional.empty(), Chromium.executable(Map.of("PATH", path, "KARGO_CHROMIUM", "/nonexistent/chromium")),
                "a KARGO_CHROMIUM that is not there is not replaced by another one");
        String chosen = Chromium.executable(Map.of("PATH", path)).orElseThrow();
        assertEquals(Optional.of(chosen), Chromium.executable(Map.of("PATH", "/nonexistent", "KARGO_CHROMIUM", chosen)));
        assertTrue(Chromium.MISSING.contains("apt-get install chromium") && !Chromium.MISSING.contains("\n"), Chromium.MISSING);
    }

    @Test
    void close_ends_the_browser_and_deletes_its_profile() throws IOException {
        Chromium chromium = Chromium.launch();
        Path profile = chromium.profile();
        ProcessHandle browser = chromium.process();
        assertTrue(Files.isDirectory(profile));
        chromium.close();
        assertFalse(browser.isAlive());
        assertFalse(Files.exists(profile), "the profile is deleted");
    }
}
