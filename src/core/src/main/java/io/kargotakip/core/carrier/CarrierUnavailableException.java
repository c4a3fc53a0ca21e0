package io.kargotakip.core.carrier;

/** The carrier could not answer now (5xx, 429, timeout, token refused). The poll is retried later. */
public class CarrierUnavailableException extends Exception {

    public CarrierUnavailableException(String message) {
        super(message);
    }

    public CarrierUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
