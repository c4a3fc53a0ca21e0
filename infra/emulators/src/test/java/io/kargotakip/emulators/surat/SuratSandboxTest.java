package io.kargotakip.emulators.surat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static io.kargotakip.emulators.surat.SuratSandbox.movement;
import static org.assertj.core.api.Assertions.assertThat;

class SuratSandboxTest {

    private final SuratSandbox sandbox = new SuratSandbox();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void answersTheKeyItWasGivenToTheSandboxCredentials() throws Exception {
        String lines = SuratSandbox.movementLines(List.of(movement("Kargo Kabul", "2026-03-20T10:05:00", "KADIKÖY"),
                movement("Teslim Edildi", "2026-03-22T14:30:00", "ÇANKAYA")));
        sandbox.answer("SIP-1", lines);

        HttpResponse<String> answer = call(SuratSandbox.CARI_KODU, SuratSandbox.PASSWORD, "SIP-1");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<KargoTakipHareketDetayliV2Result>Kargo Kabul|20.03.2026 10:05:00|KADIKÖY\n"
                + "Teslim Edildi|22.03.2026 14:30:00|ÇANKAYA</KargoTakipHareketDetayliV2Result>");
        assertThat(sandbox.trackCalls("SIP-1")).isEqualTo(1);
    }

    @Test
    void anUnknownKeyIsNotFoundAndOtherCredentialsAreRefused() throws Exception {
        sandbox.answer("SIP-1", "x|20.03.2026 10:05:00|y");

        assertThat(call(SuratSandbox.CARI_KODU, SuratSandbox.PASSWORD, "SIP-2").body()).contains(SuratSandbox.NOT_FOUND);
        assertThat(call(SuratSandbox.CARI_KODU, "wrong", "SIP-1").body()).contains("şifresi hatalı");
    }

    @Test
    void anOutageIsAnAsmxFault() throws Exception {
        sandbox.outage("SIP-3");

        HttpResponse<String> answer = call(SuratSandbox.CARI_KODU, SuratSandbox.PASSWORD, "SIP-3");

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("<faultcode>soap:Server</faultcode>");
    }

    @Test
    void rowsAreEscapedIntoTheResultString() {
        String rows = SuratSandbox.movementRows("9001", List.of(movement("Teslim Edildi", "2026-03-22T14:30:00", "A&B")));

        assertThat(rows).isEqualTo("<NewDataSet><Table><KargoTakipNo>9001</KargoTakipNo><Tarih>22.03.2026 14:30:00</Tarih>"
                + "<Birim>A&amp;B</Birim><Hareket>Teslim Edildi</Hareket></Table></NewDataSet>");
        assertThat(SuratSandbox.envelope(rows)).contains("&lt;Birim&gt;A&amp;amp;B&lt;/Birim&gt;");
    }

    private HttpResponse<String> call(String cariKodu, String password, String key) throws Exception {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Body><KargoTakipHareketDetayliV2 xmlns=\"http://tempuri.org/\"><CariKodu>" + cariKodu + "</CariKodu><Sifre>"
                + password + "</Sifre><WebSiparisKodu>" + key + "</WebSiparisKodu></KargoTakipHareketDetayliV2></soap:Body></soap:Envelope>";
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + SuratSandbox.PATH))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", SuratSandbox.SOAP_ACTION)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
