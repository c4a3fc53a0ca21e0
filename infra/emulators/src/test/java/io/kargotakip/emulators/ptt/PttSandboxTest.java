package io.kargotakip.emulators.ptt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static io.kargotakip.emulators.ptt.PttSandbox.scan;
import static org.assertj.core.api.Assertions.assertThat;

class PttSandboxTest {

    private final PttSandbox sandbox = new PttSandbox();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void close() {
        sandbox.close();
    }

    @Test
    void answersTheBarcodeItWasGivenToTheSandboxCredentials() throws Exception {
        sandbox.answer("KP1", List.of(scan("1", "Kabul Edildi", "2026-03-20T10:00:00", "İSTANBUL"),
                scan("100", "Teslim Edildi", "2026-03-22T14:30:00", "ANKARA")));

        HttpResponse<String> answer = call(PttSandbox.CUSTOMER_ID, PttSandbox.PASSWORD, "KP1");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("<ax21:BARNO>KP1</ax21:BARNO><ax21:dongu><ax21:IKODU>1</ax21:IKODU>")
                .contains("<ax21:ISAAT>14:30:00</ax21:ISAAT><ax21:ISLEM>Teslim Edildi</ax21:ISLEM><ax21:ITARIH>22/03/2026</ax21:ITARIH>"
                        + "<ax21:siraNo>2</ax21:siraNo>")
                .contains("<ax21:sonucKodu>10</ax21:sonucKodu>");
        assertThat(sandbox.trackCalls("KP1")).isEqualTo(1);
    }

    @Test
    void anUnknownBarcodeIsNotFoundAndOtherCredentialsAreRefused() throws Exception {
        assertThat(call(PttSandbox.CUSTOMER_ID, PttSandbox.PASSWORD, "KP2").body())
                .contains("<ax21:sonucAciklama>Barkod bulunamadı</ax21:sonucAciklama><ax21:sonucKodu>0</ax21:sonucKodu>");
        assertThat(call(PttSandbox.CUSTOMER_ID, "wrong", "KP2").body()).contains("şifre hatalı");
    }

    @Test
    void anOutageIsASoapFault() throws Exception {
        sandbox.outage("KP3");

        HttpResponse<String> answer = call(PttSandbox.CUSTOMER_ID, PttSandbox.PASSWORD, "KP3");

        assertThat(answer.statusCode()).isEqualTo(500);
        assertThat(answer.body()).contains("<faultcode>soapenv:Server</faultcode>");
    }

    private HttpResponse<String> call(String customerId, String password, String barcode) throws Exception {
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?><soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Body><barkodSorgu xmlns=\"" + PttSandbox.NAMESPACE + "\"><input><musteriId>" + customerId + "</musteriId><sifre>"
                + password + "</sifre><barkod>" + barcode + "</barkod></input></barkodSorgu></soap:Body></soap:Envelope>";
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + PttSandbox.PATH))
                .header("Content-Type", "text/xml; charset=utf-8").header("SOAPAction", "\"urn:barkodSorgu\"")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
