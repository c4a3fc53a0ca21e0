package io.kargotakip.carriers.yurtici;

import io.kargotakip.carriers.kit.CarrierCall;
import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.kargotakip.core.carrier.TrackingClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Polls Yurtiçi through {@link YurticiTrackApi}: one queryShipment call for up to {@value YurticiCarrier#BATCH_SIZE}
 * cargoKeys, with the web-service user and password ({@code KARGO_CARRIER_YURTICI_USER}, {@code _PASSWORD}) and
 * language ({@code _LANGUAGE}, default {@code TR}) in the body. What each answer means for the poller:
 * <ul>
 *   <li>2xx, and 4xx other than 401/403: the body, for {@link YurticiCarrier#parse} (keys YK does not know are
 *       inside it, each with its errCode);</li>
 *   <li>a SOAP answer refusing the user or password (YK answers these with HTTP 200, outFlag and a message), and
 *       HTTP 401/403: {@link CarrierUnavailableException}, at once: an operator must fix the credentials (or the
 *       IP registration); the poll is retried later;</li>
 *   <li>YK's own "unexpected error" answer (outFlag 2 or errCode 936): {@link CarrierUnavailableException}, since it
 *       is YK failing now, not an answer about the shipments;</li>
 *   <li>408, 429, 5xx (SOAP faults come as 500), timeouts and I/O errors: retried by {@link YurticiTrackApi}'s fault
 *       tolerance; what is left after that, or an open circuit, is {@link CarrierUnavailableException}.</li>
 * </ul>
 * Nothing here logs, or puts into exception messages, the password or a body.
 */
@ApplicationScoped
@Named(YurticiCarrier.ID)
public class YurticiTrackingClient implements TrackingClient {

    static final String CALL = "Yurtiçi queryShipment";
    public static final String DEFAULT_LANGUAGE = "TR";

    @Inject
    @RestClient
    YurticiTrackApi api;

    @ConfigProperty(name = "KARGO_CARRIER_YURTICI_USER")
    Optional<String> user;

    @ConfigProperty(name = "KARGO_CARRIER_YURTICI_PASSWORD")
    Optional<String> password;

    @ConfigProperty(name = "KARGO_CARRIER_YURTICI_LANGUAGE", defaultValue = DEFAULT_LANGUAGE)
    String language;

    /** Both web-service credentials set: without them Yurtiçi is not polled. */
    @Override
    public boolean configured() {
        return user.filter(v -> !v.isBlank()).isPresent() && password.filter(v -> !v.isBlank()).isPresent();
    }

    @Override
    public int batchSize() {
        return YurticiCarrier.BATCH_SIZE;
    }

    @Override
    public byte[] fetch(String cargoKey) throws CarrierUnavailableException {
        return fetchAll(List.of(cargoKey == null ? "" : cargoKey));
    }

    @Override
    public byte[] fetchAll(List<String> cargoKeys) throws CarrierUnavailableException {
        if (cargoKeys.isEmpty() || cargoKeys.size() > batchSize()) {
            throw new IllegalArgumentException("Yurtiçi takes 1 to " + batchSize() + " keys per call");
        }
        List<String> keys = cargoKeys.stream().map(k -> k == null ? "" : k.trim()).toList();
        if (keys.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("cargoKey is blank");
        }
        if (!configured()) {
            throw new CarrierUnavailableException("Yurtiçi web-service user or password is not configured");
        }
        byte[] envelope = YurticiRequest.queryShipment(user.get().trim(), password.get(),
                language == null || language.isBlank() ? DEFAULT_LANGUAGE : language.trim(), keys);
        return CarrierCall.guarded(CALL, () -> {
            try (Response response = api.queryShipment(YurticiRequest.SOAP_ACTION, envelope)) {
                byte[] body = CarrierCall.body(CALL, response);
                String contentType = response.getHeaderString("Content-Type");
                Optional<YurticiPayloadParser.Failure> failure = YurticiPayloadParser.failureOf(body, contentType);
                if (failure.isPresent() && failure.get() == YurticiPayloadParser.Failure.REFUSED_CREDENTIALS) {
                    throw new CarrierUnavailableException(CALL + " refused the web-service user name or password");
                }
                if (failure.isPresent() && failure.get() == YurticiPayloadParser.Failure.UNEXPECTED) {
                    throw new CarrierUnavailableException(CALL + " answered with an unexpected error of its own");
                }
                return selfDescribing(body, contentType);
            }
        });
    }

    /**
     * The body as UTF-8 when the Content-Type names another charset (windows-1254, ISO-8859-9) and the body itself
     * names none (no BOM, no {@code encoding} in an XML declaration); otherwise unchanged. Why: {@code fetch} returns
     * bytes alone (the CLI, the tests, a batch split), so a windows-1254 body would later be read as UTF-8; re-encoding
     * changes no character and keeps the answer readable wherever it is parsed, so this client's {@code ask} needs no
     * content type (the SOAP clients that do not re-encode pass theirs through {@code TrackingClient.ask}).
     */
    static byte[] selfDescribing(byte[] body, String contentType) {
        Optional<Charset> charset = charsetOf(contentType);
        if (body == null || body.length == 0 || charset.isEmpty() || charset.get().equals(StandardCharsets.UTF_8)
                || namesItsEncoding(body)) {
            return body;
        }
        return new String(body, charset.get()).getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<Charset> charsetOf(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        for (String part : contentType.split(";")) {
            String p = part.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                try {
                    return Optional.of(Charset.forName(p.substring(8).trim().replace("\"", "")));
                } catch (IllegalArgumentException unknown) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static boolean namesItsEncoding(byte[] body) {
        if (body.length >= 2 && ((body[0] == (byte) 0xFE && body[1] == (byte) 0xFF) || (body[0] == (byte) 0xFF && body[1] == (byte) 0xFE))) {
            return true;
        }
        if (body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF) {
            return true;
        }
        String head = new String(body, 0, Math.min(body.length, 200), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("?>");
        return head.startsWith("<?xml") && end > 0 && head.substring(0, end).contains("encoding");
    }
}
