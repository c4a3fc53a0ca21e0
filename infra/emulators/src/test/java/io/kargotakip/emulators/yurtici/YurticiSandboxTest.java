package io.kargotakip.emulators.yurtici;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.List;

import static io.kargotakip.emulators.yurtici.YurticiSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox answers as YK does: per cargoKey, unknown keys, refused credentials, outages. */
class YurticiSandboxTest {

    private final YurticiSandbox sandbox = new YurticiSandbox();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void answersWhatWasSetForTheKey() throws Exception {
        String answer = YurticiSandbox.queryAnswer(new YurticiSandbox.Shipment("KT-1", "11", "DLV",
                List.of(scan("Teslim Edildi", "2025-11-12T14:15:00", "KADIKÖY ŞUBE", "Kadıköy", "İstanbul")),
                LocalDateTime.parse("2025-11-12T14:15:00")));
        sandbox.answer("KT-1", answer);

        HttpResponse<String> response = query(YurticiSandbox.USER, YurticiSandbox.PASSWORD, "KT-1");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(answer)
                .contains("<operationCode>5</operationCode>", "<eventDate>20251112</eventDate><eventTime>141500</eventTime>",
                        "<deliveryDate>20251112</deliveryDate>");
        assertThat(sandbox.queryCalls("KT-1")).isEqualTo(1);
        assertThat(sandbox.settings()).containsEntry("KARGO_CARRIER_YURTICI_BASE_URL", sandbox.baseUrl())
                .containsEntry("KARGO_CARRIER_YURTICI_USER", YurticiSandbox.USER);
    }

    @Test
    void anotherKeyIsOneYkDoesNotKnow() throws Exception {
        sandbox.answer("KT-1", YurticiSandbox.queryAnswer());

        assertThat(query(YurticiSandbox.USER, YurticiSandbox.PASSWORD, "KT-2").body()).isEqualTo(YurticiSandbox.unknownKeys());
    }

    @Test
    void aWrongUserOrPasswordIsRefusedInTheBody() throws Exception {
        sandbox.answer("KT-1", YurticiSandbox.queryAnswer());

        for (HttpResponse<String> response : List.of(query("someone", YurticiSandbox.PASSWORD, "KT-1"),
                query(YurticiSandbox.USER, "wrong", "KT-1"))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).isEqualTo(YurticiSandbox.refusedCredentials());
        }
    }

    @Test
    void anOutageIsA503() throws Exception {
        sandbox.answer("KT-1", YurticiSandbox.queryAnswer());
        sandbox.outage("KT-1");

        assertThat(query(YurticiSandbox.USER, YurticiSandbox.PASSWORD, "KT-1").statusCode()).isEqualTo(503);
    }

    private HttpResponse<String> query(String user, String password, String key) throws Exception {
        String envelope = "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" xmlns:ship=\""
                + YurticiSandbox.NAMESPACE + "\"><soapenv:Body><ship:queryShipment><wsUserName>" + user + "</wsUserName><wsPassword>"
                + password + "</wsPassword><wsLanguage>TR</wsLanguage><keys>" + key + "</keys><keyType>0</keyType>"
                + "<addHistoricalData>true</addHistoricalData><onlyTracking>false</onlyTracking></ship:queryShipment></soapenv:Body>"
                + "</soapenv:Envelope>";
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + YurticiSandbox.PATH))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"\"")
                .POST(HttpRequest.BodyPublishers.ofString(envelope)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
