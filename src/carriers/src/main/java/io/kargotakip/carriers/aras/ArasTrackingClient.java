package io.kargotakip.carriers.aras;

import io.kargotakip.carriers.kit.CarrierCall;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.TrackingClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Polls Aras through {@link ArasTrackApi}: {@code GetQueryJSON} with QueryType 39, up to {@value #BATCH_SIZE} MÖKs
 * (the merchant's IntegrationCodes) a call, and says what each answer means for the poller:
 * <ul>
 *   <li>2xx: the body (rows for the shipments found; those not found are simply absent), unless it is Aras
 *       refusing our user, password or customer code: then {@link CarrierUnavailableException}, an operator's
 *       fix, and the poll is retried later.</li>
 *   <li>401/403 (a proxy in front of the service): {@link CarrierUnavailableException}.</li>
 *   <li>408, 429, 5xx (WCF's SOAP faults come as 500), timeouts and I/O errors: retried by the client's fault
 *       tolerance; what is left, or an open circuit, is {@link CarrierUnavailableException}.</li>
 *   <li>Any other 4xx: the body, which {@link ArasCarrier#parse} judges.</li>
 * </ul>
 * Nothing here logs, or puts into exception messages, the password or a body.
 *
 * <p>Batch size {@value #BATCH_SIZE}: QueryType 39 takes a comma-separated list with no published maximum. 25
 * IntegrationCodes of up to 64 characters keep the query under 2 KB and the answer (39 columns a row) near 50 KB, far
 * inside the parser's 2 MiB and the 10 s per attempt, while cutting calls 25-fold; a failed call delays only 25
 * shipments. A longer list buys little more and risks a limit Aras does not document.
 */
@ApplicationScoped
@Named(ArasCarrier.ID)
public class ArasTrackingClient implements TrackingClient {

    public static final int BATCH_SIZE = 25;

    private final ArasPayloadParser parser = new ArasPayloadParser(ArasStatusMap.standard());

    @Inject
    @RestClient
    ArasTrackApi api;

    @ConfigProperty(name = "KARGO_CARRIER_ARAS_USER")
    Optional<String> user;

    @ConfigProperty(name = "KARGO_CARRIER_ARAS_PASSWORD")
    Optional<String> password;

    @ConfigProperty(name = "KARGO_CARRIER_ARAS_CUSTOMER_CODE")
    Optional<String> customerCode;

    /** User, password and customer code all set: without them Aras is push-only. */
    @Override
    public boolean configured() {
        return set(user) && set(password) && set(customerCode);
    }

    @Override
    public byte[] fetch(String integrationCode) throws CarrierUnavailableException {
        return fetchAll(List.of(integrationCode));
    }

    @Override
    public int batchSize() {
        return BATCH_SIZE;
    }

    @Override
    public byte[] fetchAll(List<String> integrationCodes) throws CarrierUnavailableException {
        return ask(integrationCodes).body();
    }

    /** The answer with its Content-Type: Aras may name a Turkish charset only there. */
    @Override
    public Answer ask(List<String> integrationCodes) throws CarrierUnavailableException {
        List<String> codes = codes(integrationCodes);
        if (!configured()) {
            throw new CarrierUnavailableException("Aras query credentials are not configured");
        }
        byte[] envelope = ArasQuery.request(user.get(), password.get(), customerCode.get().trim(), codes).toBytes();
        return CarrierCall.guarded("Aras query", () -> {
            try (Response response = api.query(ArasQuery.SOAP_ACTION, envelope)) {
                Answer answer = CarrierCall.answer("Aras query", response);
                if (parser.refusesCredentials(answer.body())) {
                    throw new CarrierUnavailableException("Aras query refused our credentials (user, password or customer code)");
                }
                return answer;
            }
        });
    }

    /** Trimmed, each once, in order; a comma would split one code into two in Aras's list, so it is refused. */
    static List<String> codes(List<String> integrationCodes) {
        if (integrationCodes == null || integrationCodes.isEmpty()) {
            throw new IllegalArgumentException("no integration code to query");
        }
        Set<String> codes = new LinkedHashSet<>();
        for (String code : integrationCodes) {
            if (code == null || code.isBlank()) {
                throw new IllegalArgumentException("integration code is blank");
            }
            if (code.indexOf(',') >= 0) {
                throw new IllegalArgumentException("an Aras integration code cannot contain a comma");
            }
            codes.add(code.trim());
        }
        if (codes.size() > BATCH_SIZE) {
            throw new IllegalArgumentException("at most " + BATCH_SIZE + " integration codes per Aras query");
        }
        return new ArrayList<>(codes);
    }

    private static boolean set(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }
}
