package io.kargotakip.carriers.mng;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kargotakip.carriers.kit.CachedToken;
import io.kargotakip.carriers.kit.CarrierCall;
import io.kargotakip.carriers.kit.Soap;
import io.kargotakip.core.carrier.CarrierSettings;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.PayloadException;
import io.kargotakip.core.carrier.TrackingClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Polls MNG by the merchant's reference and says what each answer means for the poller.
 *
 * <p>REST API (the default): one call per poll, {@code GET standardqueryapi/getshipmentstatus/{referenceId}}.
 * Why that one and not {@code trackshipment} (the movement list): the headline names the shipment —
 * {@code referenceId} and MNG's {@code shipmentId}, the alternate number — so its events are keyed from the answer
 * alone, as the normalizer needs; the movement items MNG documents carry only status, time, place and text. Calling
 * both would double the calls for every poll. What is lost: a status that comes and goes between two polls.
 * <ul>
 *   <li>The JWT from {@code POST /token} is kept in a {@link CachedToken} until a minute before its
 *       {@code jwtExpireDate} (an hour when MNG gives none that reads), fetched once for concurrent polls.</li>
 *   <li>The token call refused (4xx): {@link CarrierUnavailableException} at once: an operator must fix the customer
 *       number, password or IBM client pair.</li>
 *   <li>401 on the query: the token is dropped, a new one fetched and the call made once more; a second 401, or a 403
 *       (the API product not subscribed), is {@link CarrierUnavailableException}.</li>
 *   <li>404, or a 2xx with nothing in it (no body, {@code []}, {@code null}, {@code {}}): MNG knows nothing of the
 *       reference; answered as {@link MngPayloadParser#NOT_FOUND}, which parses to no events. A 404's body is dropped
 *       (no published format; an API gateway's 404 may quote the path, that is the reference).</li>
 *   <li>Any other 4xx: MNG's body, which {@code parse} rejects as an error.</li>
 *   <li>408, 429, 5xx, timeouts and I/O errors: retried by the REST client's fault tolerance; what is left, or an open
 *       circuit, is {@link CarrierUnavailableException}.</li>
 * </ul>
 *
 * <p>Legacy SOAP ({@code KARGO_CARRIER_MNG_API=legacy}, customer number and password only):
 * {@code GelecekIadeSiparisKontrol} with {@code pCHSiparisNo} = the same reference. The DataSet comes back as the
 * body; MNG's "wrong customer number or password" ({@code E003}, and {@code E004}/{@code E006} for a blank or
 * non-numeric one) is {@link CarrierUnavailableException}; any 4xx is too (a SOAP service answers about an order only
 * with a 200, so a 4xx is a wrong address or a refusal).
 *
 * <p>Nothing here logs, or puts into exception messages, a password, the client secret, the JWT or a body.
 */
@ApplicationScoped
@Named(MngCarrier.ID)
public class MngTrackingClient implements TrackingClient {

    public static final String DEFAULT_API_VERSION = "1.0";
    static final String LEGACY_NAMESPACE = "http://tempuri.org/";
    static final String LEGACY_OPERATION = "GelecekIadeSiparisKontrol";
    /** When MNG's token answer has no expiry that reads; the public client code reports 8-hour JWTs, so this is safe. */
    static final Duration DEFAULT_TOKEN_LIFETIME = Duration.ofHours(1);

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @RestClient
    MngTrackApi api;

    @Inject
    @RestClient
    MngLegacyApi legacyApi;

    @ConfigProperty(name = "KARGO_CARRIER_MNG_API")
    Optional<String> apiSetting;

    @ConfigProperty(name = "KARGO_CARRIER_MNG_CUSTOMER_NUMBER")
    Optional<String> customerNumber;

    @ConfigProperty(name = "KARGO_CARRIER_MNG_PASSWORD")
    Optional<String> password;

    @ConfigProperty(name = "KARGO_CARRIER_MNG_CLIENT_ID")
    Optional<String> clientId;

    @ConfigProperty(name = "KARGO_CARRIER_MNG_CLIENT_SECRET")
    Optional<String> clientSecret;

    @ConfigProperty(name = "KARGO_CARRIER_MNG_API_VERSION", defaultValue = DEFAULT_API_VERSION)
    String apiVersion;

    private final Clock clock = Clock.systemUTC();
    private final CachedToken token = new CachedToken(this::newToken, Duration.ofSeconds(60), clock);

    /** The legacy SOAP service is polled ({@code KARGO_CARRIER_MNG_API=legacy}). */
    public boolean legacy() {
        return MngCarrier.legacy(CarrierSettings.of(MngCarrier.ID, java.util.Map.of("KARGO_CARRIER_MNG_API", apiSetting.orElse(""))));
    }

    /** REST: customer number, password and the IBM client pair; legacy: customer number and password. */
    @Override
    public boolean configured() {
        boolean account = set(customerNumber) && set(password);
        return legacy() ? account : account && set(clientId) && set(clientSecret);
    }

    @Override
    public byte[] fetch(String referenceId) throws CarrierUnavailableException {
        return ask(java.util.List.of(referenceId == null ? "" : referenceId)).body();
    }

    /** The REST answer is JSON; the legacy SOAP answer comes with its Content-Type, which may name a Turkish charset. */
    @Override
    public Answer ask(java.util.List<String> keys) throws CarrierUnavailableException {
        if (keys.size() != 1) {
            throw new IllegalArgumentException("MNG takes one reference per call");
        }
        String referenceId = keys.get(0);
        if (referenceId == null || referenceId.isBlank()) {
            throw new IllegalArgumentException("reference is blank");
        }
        // MNG keeps references upper-case (createOrder upper-cases them), as the product's shipment ids do
        String reference = referenceId.trim().toUpperCase(Locale.ROOT);
        return legacy() ? fetchLegacy(reference) : new Answer(fetchRest(reference), "application/json");
    }

    // ---- REST API -------------------------------------------------------------------------------

    private byte[] fetchRest(String reference) throws CarrierUnavailableException {
        return CarrierCall.guarded("MNG track", () -> {
            for (int attempt = 1; ; attempt++) {
                String jwt = token.get();
                try (Response response = api.shipmentStatus(reference, clientId.orElse(""), clientSecret.orElse(""), apiVersion,
                        "Bearer " + jwt)) {
                    if (response.getStatus() == 401 && attempt == 1) {
                        token.invalidate(); // a JWT can be revoked before jwtExpireDate
                        continue;
                    }
                    if (response.getStatus() == 404) {
                        return MngPayloadParser.NOT_FOUND.clone();
                    }
                    byte[] body = CarrierCall.body("MNG track", response);
                    return saysNothing(body) ? MngPayloadParser.NOT_FOUND.clone() : body;
                }
            }
        });
    }

    private CachedToken.Token newToken() throws CarrierUnavailableException {
        ObjectNode request = JSON.createObjectNode()
                .put("customerNumber", customerNumber.orElse(""))
                .put("password", password.orElse(""))
                .put("identityType", 1);
        byte[] body = request.toString().getBytes(StandardCharsets.UTF_8);
        try (Response response = api.token(clientId.orElse(""), clientSecret.orElse(""), apiVersion, body)) {
            int status = response.getStatus();
            if (status / 100 == 4) {
                throw new CarrierUnavailableException("MNG refused the customer number, password or client credentials (HTTP " + status + ")");
            }
            if (status / 100 != 2) {
                throw new CarrierUnavailableException("MNG token service answered unexpected HTTP " + status);
            }
            return token(response.hasEntity() ? response.readEntity(byte[].class) : new byte[0], clock.instant());
        }
    }

    /** The JWT and its expiry; an expiry missing, unreadable or already (nearly) past counts as the default lifetime. */
    static CachedToken.Token token(byte[] answer, Instant now) throws CarrierUnavailableException {
        JsonNode root;
        try {
            root = JSON.readTree(answer);
        } catch (JacksonException e) {
            throw new CarrierUnavailableException("MNG token answer is not JSON");
        } catch (IOException e) {
            throw new CarrierUnavailableException("MNG token answer could not be read");
        }
        JsonNode jwt = root == null ? null : root.path("jwt");
        if (jwt == null || !jwt.isTextual() || jwt.asText().isBlank()) {
            throw new CarrierUnavailableException("MNG token answer has no jwt");
        }
        Instant expiresAt = null;
        JsonNode expiry = root.path("jwtExpireDate");
        if (expiry.isTextual()) {
            try {
                expiresAt = MngPayloadParser.time(expiry.asText(), "MNG token expiry").toInstant();
            } catch (PayloadException unreadable) {
                expiresAt = null;
            }
        }
        // read as Istanbul time, a UTC wall-clock expiry would look 3 h early: never trust one that is already past
        if (expiresAt == null || !expiresAt.isAfter(now.plus(Duration.ofMinutes(2)))) {
            expiresAt = now.plus(DEFAULT_TOKEN_LIFETIME);
        }
        return new CachedToken.Token(jwt.asText(), expiresAt);
    }

    /** An answer with nothing in it: no body, or an empty list, null or empty object. */
    static boolean saysNothing(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replace("\uFEFF", "").replaceAll("\\s", "");
        return text.isEmpty() || text.equals("[]") || text.equals("null") || text.equals("{}");
    }

    // ---- legacy SOAP ----------------------------------------------------------------------------

    private Answer fetchLegacy(String reference) throws CarrierUnavailableException {
        // the parameters MNG's PDF gives for the query; only the account and the order number are filled in
        Soap.Request request = Soap.request(LEGACY_NAMESPACE, LEGACY_OPERATION)
                .param("pRfSipGnMusteriNo", customerNumber.orElse(""))
                .param("pRfSipGnMusteriSifre", password.orElse(""))
                .param("pCHBarkod", "")
                .param("pCHFaturaSeri", "")
                .param("pCHFaturaNo", "")
                .param("pMngGonderiNo", "")
                .param("pCHSiparisNo", reference)
                .param("pGonderiCikisTarihi", "");
        return CarrierCall.guarded("MNG legacy", () -> {
            try (Response response = legacyApi.call("\"" + request.action() + "\"", request.toBytes())) {
                int status = response.getStatus();
                if (status / 100 == 4 && !CarrierCall.refused(status)) {
                    throw new CarrierUnavailableException("MNG legacy service answered HTTP " + status);
                }
                Answer answer = CarrierCall.answer("MNG legacy", response);
                Optional<String> error = MngPayloadParser.legacyErrorCode(answer.body());
                if (error.filter(MngPayloadParser.LEGACY_CREDENTIAL_ERRORS::contains).isPresent()) {
                    throw new CarrierUnavailableException("MNG legacy service refused the customer number or password (" + error.get() + ")");
                }
                return answer;
            }
        });
    }

    private static boolean set(Optional<String> value) {
        return value.filter(v -> !v.isBlank()).isPresent();
    }
}
