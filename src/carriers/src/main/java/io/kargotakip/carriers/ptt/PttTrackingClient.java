package io.kargotakip.carriers.ptt;

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
 * Polls PTT with {@code barkodSorgu(input{musteriId, sifre, barkod})}, one barcode per call, and says what each
 * answer means:
 * <ul>
 *   <li>2xx or a 4xx other than 401/403: the body, unchanged ({@code sonucKodu} 10 with movements, or an unknown
 *       barcode, which {@link PttCarrier#parse} turns into no events);</li>
 *   <li>an answer whose {@code sonucAciklama} says our customer id or password is wrong, 401 or 403:
 *       {@link CarrierUnavailableException} (credentials refused, for an operator to fix);</li>
 *   <li>408, 429, 5xx (SOAP faults), timeouts and I/O errors: retried by {@link PttTrackApi}'s fault tolerance, then
 *       {@link CarrierUnavailableException}.</li>
 * </ul>
 * There is no WSDL in the reference, so three details are inferences kept in constants here: the namespace
 * ({@value #NAMESPACE}), the {@code SOAPAction} ({@code urn:barkodSorgu}, the Axis convention; Axis dispatches on the
 * body's element anyway) and the customer-number element ({@value #CUSTOMER_ID_ELEMENT}, as carriers.md §5 and the
 * library's README name it; the library's request code writes {@code musteri_no}).
 * Nothing here logs, or puts into exception messages, the password or a body.
 */
@ApplicationScoped
@Named(PttCarrier.ID)
public class PttTrackingClient implements TrackingClient {

    static final String NAMESPACE = "http://sorgu.ptt.gov.tr";
    static final String SOAP_ACTION = "\"urn:" + PttPayloadParser.OPERATION + "\"";
    static final String CUSTOMER_ID_ELEMENT = "musteriId";
    static final String DEFAULT_SERVICE = "GonderiHareketV2";
    private static final String CALL = "PTT track";

    private final PttCarrier carrier = new PttCarrier();

    @Inject
    @RestClient
    PttTrackApi api;

    @ConfigProperty(name = "KARGO_CARRIER_PTT_CUSTOMER_ID")
    Optional<String> customerId;

    @ConfigProperty(name = "KARGO_CARRIER_PTT_PASSWORD")
    Optional<String> password;

    /** {@code GonderiHareketV2Test} points polling at PTT's test system. */
    @ConfigProperty(name = "KARGO_CARRIER_PTT_SERVICE", defaultValue = DEFAULT_SERVICE)
    String service;

    /** Both the customer id and the password set. */
    @Override
    public boolean configured() {
        return customerId.filter(v -> !v.isBlank()).isPresent() && password.filter(v -> !v.isBlank()).isPresent();
    }

    @Override
    public byte[] fetch(String barkod) throws CarrierUnavailableException {
        return ask(java.util.List.of(barkod == null ? "" : barkod)).body();
    }

    /** The answer with its Content-Type: PTT may name a Turkish charset only there. */
    @Override
    public Answer ask(java.util.List<String> keys) throws CarrierUnavailableException {
        if (keys.size() != 1) {
            throw new IllegalArgumentException("PTT takes one barkod per call");
        }
        String barkod = keys.get(0);
        if (barkod == null || barkod.isBlank()) {
            throw new IllegalArgumentException("barkod is blank");
        }
        if (!configured()) {
            throw new CarrierUnavailableException(CALL + " is not configured (customer id and password)");
        }
        byte[] envelope = Soap.request(NAMESPACE, PttPayloadParser.OPERATION)
                .element("input", input -> input
                        .param(CUSTOMER_ID_ELEMENT, customerId.get().strip())
                        .param("sifre", password.get())
                        .param("barkod", barkod.strip()))
                .toBytes();
        return CarrierCall.guarded(CALL, () -> {
            try (Response response = api.call(service.strip(), SOAP_ACTION, envelope)) {
                Answer answer = CarrierCall.answer(CALL, response);
                if (carrier.credentialsRefused(answer.body(), answer.contentType())) {
                    throw new CarrierUnavailableException(CALL + " refused our credentials (customer id or password)");
                }
                return answer;
            }
        });
    }
}
