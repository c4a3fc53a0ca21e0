package io.kargotakip.carriers.kit;

import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

import java.time.Duration;

/**
 * Registered on every carrier REST client ({@code @RegisterProvider}): turns the answers worth another
 * attempt — 408, 429 and 5xx — into a {@link TransientCarrierFailure} carrying {@code Retry-After}, so the
 * client's {@code @Retry} sees them. Every other status comes back to the caller as a response (the
 * clients run with {@code disable-default-mapper}): a 404 "not found" is a permanent answer about a
 * tracking number, not an outage.
 */
public final class TransientStatusMapper implements ResponseExceptionMapper<TransientCarrierFailure> {

    @Override
    public boolean handles(int status, MultivaluedMap<String, Object> headers) {
        return isTransient(status);
    }

    @Override
    public TransientCarrierFailure toThrowable(Response response) {
        return new TransientCarrierFailure(response.getStatus(), retryAfter(response.getHeaderString("Retry-After")));
    }

    public static boolean isTransient(int status) {
        return status == 408 || status == 429 || (status >= 500 && status <= 599);
    }

    /** Only the delay-seconds form; an HTTP-date falls back to the exponential backoff. */
    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        return value.matches("\\d{1,6}") ? Duration.ofSeconds(Long.parseLong(value)) : null;
    }
}
