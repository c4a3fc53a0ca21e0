package io.kargotakip.core.carrier;

/** The payload is not one the carrier sends (wrong shape, not JSON, missing fields). Retrying will not help. */
public class PayloadException extends Exception {

    public PayloadException(String message) {
        super(message);
    }

    public PayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
