package io.kargotakip.functions.poller;

import io.kargotakip.carriers.hepsijet.HepsijetCarrier;
import io.kargotakip.core.shipment.TrackingEvent;
import io.kargotakip.core.shipment.TrackingStatus;
import io.kargotakip.emulators.hepsijet.HepsijetSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import static io.kargotakip.emulators.hepsijet.HepsijetSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;

/** The HepsiJET sandbox speaks HepsiJET's format: token, batch answers per barcode, outage. */
class HepsijetSandboxTest {

    static HepsijetSandbox sandbox;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        sandbox = new HepsijetSandbox();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void answersEveryBarcodeOfABatchWithItsOwnScans() throws Exception {
        sandbox.answer("SBX1", List.of(scan("ACCEPTED", "Dağıtım Aracında", "2026-11-26T08:45:10+03:00")));
        sandbox.answer("SBX2", List.of(scan("ACCEPTED", "Transfer Merkezinde", "2026-11-25T06:05:00+03:00"),
                scan("DELIVERED", "Teslim Edildi", "2026-11-26T14:32:05+03:00")));

        int callsBefore = sandbox.trackCalls("SBX1");
        HttpResponse<String> answer = track(token(), "{\"barcodes\":[\"SBX2\",\"NOPE1\",\"SBX1\"],\"isTrackAdded\":true}");

        assertThat(answer.statusCode()).isEqualTo(200);
        List<TrackingEvent> events = new HepsijetCarrier().parse(answer.body().getBytes(StandardCharsets.UTF_8));
        assertThat(events).extracting(e -> e.trackingNumber() + " " + e.status()).containsExactly(
                "SBX2 " + TrackingStatus.IN_TRANSIT, "SBX1 " + TrackingStatus.OUT_FOR_DELIVERY, "SBX2 " + TrackingStatus.DELIVERED);
        assertThat(sandbox.trackCalls("SBX1")).isEqualTo(callsBefore + 1);
    }

    @Test
    void refusesAWrongPasswordAndAMissingToken() throws Exception {
        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/auth/getToken"))
                .header("Authorization", basic("sandbox-user", "wrong")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).isEqualTo(401);
        assertThat(track("not-the-token", "{\"barcodes\":[\"SBX1\"],\"isTrackAdded\":true}").statusCode()).isEqualTo(401);
    }

    @Test
    void anOutageAnswers503ForCallsAskingAboutThatBarcode() throws Exception {
        sandbox.outage("SBXDOWN");

        assertThat(track(token(), "{\"barcodes\":[\"SBX1\",\"SBXDOWN\"],\"isTrackAdded\":true}").statusCode()).isEqualTo(503);
        assertThat(track(token(), "{\"barcodes\":[\"SBX1\"],\"isTrackAdded\":true}").statusCode()).isEqualTo(200);
    }

    private static String token() throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/auth/getToken"))
                .header("Authorization", basic(HepsijetSandbox.USER, HepsijetSandbox.PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"data\":{\"token\":\"" + HepsijetSandbox.TOKEN + "\"}}");
        return HepsijetSandbox.TOKEN;
    }

    private static HttpResponse<String> track(String token, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + "/delivery/integration/track"))
                .header("X-Auth-Token", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
