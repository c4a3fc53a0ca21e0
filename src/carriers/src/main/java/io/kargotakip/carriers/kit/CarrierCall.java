package io.kargotakip.carriers.kit;

import io.kargotakip.core.carrier.CarrierUnavailableException;
import io.quarkus.oidc.client.OidcClientException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * What every carrier's tracking client does around its REST client call: turns what is left after
 * fault tolerance (retries spent, circuit open, timeout, connection refused, token service failing) into
 * a {@link CarrierUnavailableException} the poller retries later, and reads an answer's status. Messages
 * name the carrier and the kind of failure, never a body, a token or a secret.
 */
public final class CarrierCall {

    @FunctionalInterface
    public interface Call<T> {
        T call() throws CarrierUnavailableException;
    }

    private CarrierCall() {
    }

    public static <T> T guarded(String carrier, Call<T> call) throws CarrierUnavailableException {
        try {
            return call.call();
        } catch (TransientCarrierFailure e) {
            throw new CarrierUnavailableException(carrier + " unavailable after retries, last: " + e.getMessage());
        } catch (CircuitBreakerOpenException e) {
            throw new CarrierUnavailableException(carrier + " failing, calls paused for a minute (circuit open)");
        } catch (FaultToleranceException e) {
            throw new CarrierUnavailableException(carrier + " unavailable: " + e.getClass().getSimpleName());
        } catch (OidcClientException e) {
            // its message is the token service's answer: not repeated, an operator reads the carrier's own logs
            throw new CarrierUnavailableException(carrier + " refused the OAuth client credentials or its token service failed");
        } catch (ProcessingException e) {
            // a connection refused or reset, or a token call that failed on the wire (OAuth carriers)
            throw new CarrierUnavailableException(carrier + " unreachable: " + rootType(e));
        }
    }

    /** 401 or 403: the carrier refuses our credentials, which an operator must fix; the poll is retried later. */
    public static boolean refused(int status) {
        return status == 401 || status == 403;
    }

    /**
     * The body of an answer the parser reads: 2xx, and 4xx other than 401/403 (a 404 "not found", a 400 about
     * the number are permanent answers about the shipment, not outages). 401/403 and anything else (a 3xx)
     * is {@link CarrierUnavailableException}.
     */
    public static byte[] body(String carrier, Response response) throws CarrierUnavailableException {
        int status = response.getStatus();
        if (refused(status)) {
            throw new CarrierUnavailableException(carrier + " refused our credentials (HTTP " + status + ")");
        }
        if (status / 100 == 2 || status / 100 == 4) {
            return response.hasEntity() ? response.readEntity(byte[].class) : new byte[0];
        }
        throw new CarrierUnavailableException(carrier + " answered unexpected HTTP " + status);
    }

    /** {@link #body} with the {@code Content-Type} the carrier gave it. */
    public static io.kargotakip.core.carrier.TrackingClient.Answer answer(String carrier, Response response)
            throws CarrierUnavailableException {
        return new io.kargotakip.core.carrier.TrackingClient.Answer(body(carrier, response), response.getHeaderString("Content-Type"));
    }

    /** The innermost cause's type: says what failed (connect, token refused) without any payload or secret. */
    public static String rootType(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }
}
