package io.kargotakip.carriers.surat;

import io.kargotakip.carriers.kit.CarrierCall;
import io.kargotakip.carriers.kit.Soap;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.TrackingClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.Optional;

/**
 * Polls Sürat with {@code KargoTakipHareketDetayliV2(CariKodu, Sifre, WebSiparisKodu)}, one merchant reference per
 * call (the bulk {@code WebSiparisKoduToplu} answers in another undocumented shape), and says what each answer means:
 * <ul>
 *   <li>2xx or a 4xx other than 401/403: the body, with the polled key appended ({@link SuratPayloadParser#withPolledKey}),
 *       since Sürat's answer need not repeat it;</li>
 *   <li>a body saying our cari kodu or password is wrong, 401 or 403: {@link CarrierUnavailableException}
 *       (credentials refused, for an operator to fix);</li>
 *   <li>408, 429, 5xx (SOAP faults), timeouts and I/O errors: retried by {@link SuratTrackApi}'s fault tolerance, then
 *       {@link CarrierUnavailableException}.</li>
 * </ul>
 * Nothing here logs, or puts into exception messages, the password or a body.
 */
@ApplicationScoped
@Named(SuratCarrier.ID)
public class SuratTrackingClient implements TrackingClient {

    static final String NAMESPACE = "http://tempuri.org/";
    private static final String CALL = "Sürat track";

    private final SuratCarrier carrier = new SuratCarrier();

    @Inject
    @RestClient
    SuratTrackApi api;

    @ConfigProperty(name = "KARGO_CARRIER_SURAT_CARI_KODU")
    Optional<String> cariKodu;

    @ConfigProperty(name = "KARGO_CARRIER_SURAT_PASSWORD")
    Optional<String> password;

    /** Both the cari kodu and the web service password set. */
    @Override
    public boolean configured() {
        return cariKodu.filter(v -> !v.isBlank()).isPresent() && password.filter(v -> !v.isBlank()).isPresent();
    }

    @Override
    public byte[] fetch(String webSiparisKodu) throws CarrierUnavailableException {
        return ask(java.util.List.of(webSiparisKodu == null ? "" : webSiparisKodu)).body();
    }

    /** The answer with its Content-Type: Sürat may name a Turkish charset only there. */
    @Override
    public Answer ask(java.util.List<String> keys) throws CarrierUnavailableException {
        if (keys.size() != 1) {
            throw new IllegalArgumentException("Sürat takes one key per call");
        }
        String webSiparisKodu = keys.get(0);
        if (webSiparisKodu == null || webSiparisKodu.isBlank()) {
            throw new IllegalArgumentException("WebSiparisKodu is blank");
        }
        if (!configured()) {
            throw new CarrierUnavailableException(CALL + " is not configured (cari kodu and password)");
        }
        String key = webSiparisKodu.strip();
        Soap.Request request = Soap.request(NAMESPACE, SuratPayloadParser.OPERATION)
                .param("CariKodu", cariKodu.get().strip())
                .param("Sifre", password.get())
                .param("WebSiparisKodu", key);
        return CarrierCall.guarded(CALL, () -> {
            // ASMX clients quote the action, as SOAP 1.1 writes it
            try (Response response = api.call("\"" + request.action() + "\"", request.toBytes())) {
                Answer answer = CarrierCall.answer(CALL, response);
                if (carrier.credentialsRefused(answer.body(), answer.contentType())) {
                    throw new CarrierUnavailableException(CALL + " refused our credentials (cari kodu or web service password)");
                }
                return new Answer(SuratPayloadParser.withPolledKey(answer.body(), key), answer.contentType());
            }
        });
    }
}
