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

    /** Keys one call can ask about (Yurtiçi's {@code keys[]}, Aras's comma-separated list); 1 by default. */
    default int batchSize() {
        return 1;
    }

    /**
     * Asks about several shipments in one call, at most {@link #batchSize()}; the answer is one payload of the
     * carrier's, parsed as any other. By default one call per key is not possible here: carriers that batch override it.
     */
    default byte[] fetchAll(java.util.List<String> keys) throws CarrierUnavailableException {
        if (keys.size() != 1) {
            throw new IllegalArgumentException("this carrier takes one key per call");
        }
        return fetch(keys.get(0));
    }

    /**
     * A carrier's answer as the poller queues it: its bytes and the {@code Content-Type} it came with, which may be
     * the only place a Turkish SOAP service names its charset (windows-1254, ISO-8859-9).
     *
     * @param contentType null when unknown (the parser then reads what the bytes themselves declare)
     */
    record Answer(byte[] body, String contentType) {
    }

    /** One call about these keys (one, or a batch of at most {@link #batchSize()}), with its content type where the client has it. */
    default Answer ask(java.util.List<String> keys) throws CarrierUnavailableException {
        return new Answer(keys.size() == 1 ? fetch(keys.get(0)) : fetchAll(keys), null);
    }
}
