package io.kargotakip.functions.trackingpage;

import com.sun.net.httpserver.HttpServer;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.testing.KargoStackResource;
import io.kargotakip.testing.browser.Axe;
import io.kargotakip.testing.browser.Chromium;
import io.kargotakip.testing.browser.Page;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The map when the merchant configures a tile server (here a local one): Leaflet, served by the page itself, draws the
 * tiles of that server only, the CSP allows exactly that origin for images, and the sketch gives way to it.
 */
@QuarkusTest
@QuarkusTestResource(KargoStackResource.class)
@TestProfile(TrackingPageMapTest.Tiles.class)
class TrackingPageMapTest {

    /** A tile server on loopback: one grey 1 × 1 PNG for every tile, counted. */
    static final AtomicInteger TILES = new AtomicInteger();
    static final HttpServer SERVER = start();
    static final String ORIGIN = "http://127.0.0.1:" + SERVER.getAddress().getPort();

    static HttpServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            byte[] png = Base64.getDecoder().decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGO4DwABAQEAWjD5WgAAAABJRU5ErkJggg==");
            server.createContext("/", exchange -> {
                TILES.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, png.length);
                exchange.getResponseBody().write(png);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static class Tiles implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("KARGO_PAGE_CONFIG", "{\"map\": {\"tiles\": \"" + ORIGIN + "/{z}/{x}/{y}.png\", \"attribution\": \"© Test tiles\"}}");
        }
    }

    @TestHTTPResource("/")
    URL base;

    private final Parcels parcels = new Parcels(KargoStackResource.stack());

    @Test
    void leaflet_draws_the_configured_tiles_and_the_csp_allows_that_origin_only() {
        Parcels.Parcel p = parcels.stored("tr",
                new Parcels.Scan(TrackingStatus.IN_TRANSIT, null, "2026-11-29T08:00:00Z", "Ankara Aktarma Merkezi", null));
        Response r = given().get("/t/" + p.token());
        assertThat(r.header("Content-Security-Policy")).contains("img-src 'self' data: " + ORIGIN + ";");
        assertThat(r.body().asString()).contains("id=\"map\"").contains("data-tiles=\"" + ORIGIN + "/{z}/{x}/{y}.png\"")
                .containsPattern("<script src=\"/static/leaflet\\.[0-9a-f]{12}\\.js\">");
        try (Chromium chromium = Chromium.launch()) {
            Page page = chromium.open("about:blank");
            page.phone();
            page.navigate(base + "t/" + p.token());
            page.awaitTrue("document.querySelectorAll('#map img.leaflet-tile-loaded').length > 0");
            assertThat(TILES.get()).isPositive();
            assertThat(page.evaluate("document.querySelectorAll('#map path.leaflet-interactive').length").asInt()).as("the last place").isEqualTo(1);
            assertThat(page.evaluate("getComputedStyle(document.getElementById('sketch')).display").asText()).isEqualTo("none");
            assertThat(page.evaluate("document.querySelector('.leaflet-control-attribution').textContent").asText()).contains("© Test tiles");
            page.screenshot(Path.of("target/screenshots/tracking-page-map.png"));
            assertThat(Axe.seriousViolations(page)).isEmpty();
        }
    }
}
