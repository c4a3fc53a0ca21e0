package io.kargotakip.core.carrier;

/**
 * Fetches a shipment's tracking data from the carrier's API, as the raw payload it returns. Each
 * carrier with a tracking API implements it in its own package, as a CDI bean
 * {@code @Named("<carrier id>")} that the poller finds.
 */
public interface TrackingClient {

    /** False while the merchant has not configured this carrier's API credentials: it is then not polled. */
    default boolean configured() {
        return true;
    }

    /**
     * @return the response body, to be parsed by the same carrier's {@link CarrierAdapter#parse}
     * @throws CarrierUnavailableException when the carrier is down, throttling, or refuses our credentials;
     *                                     the poll is retried later
     */
    byte[] fetch(String trackingNumber) throws CarrierUnavailableException;
}
