package io.kargotakip.core.carrier;

/** Fetches a shipment's tracking data from the carrier's API, as the raw payload it returns. */
public interface TrackingClient {

    /**
     * @return the response body, to be parsed by the same carrier's {@link CarrierAdapter#parse}
     * @throws CarrierUnavailableException when the carrier is down, throttling, or refuses our credentials;
     *                                     the poll is retried later
     */
    byte[] fetch(String trackingNumber) throws CarrierUnavailableException;
}
