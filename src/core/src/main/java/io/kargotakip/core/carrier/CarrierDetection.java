package io.kargotakip.core.carrier;

import io.kargotakip.core.marketplace.MarketplaceAdapter;
import io.kargotakip.core.shipment.TrackingEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which carrier, when none is given: from a tracking number, where the carrier's format is distinctive
 * ({@link CarrierAdapter#trackingNumberFormat()}, UPS {@code 1Z…}); from a payload, by which adapter recognises
 * its shape. When it cannot be told, the answer says why and names the candidates, so the merchant can give
 * the carrier.
 */
public final class CarrierDetection {

    /** What a merchant writes instead of a carrier id to ask for detection. */
    public static final String AUTO = "auto";

    public sealed interface Result {
        record Found(CarrierAdapter adapter) implements Result {
        }

        record NotFound(String reason) implements Result {
        }
    }

    private final CarrierRegistry registry;

    public CarrierDetection(CarrierRegistry registry) {
        this.registry = registry;
    }

    public Result byTrackingNumber(String trackingNumber) {
        String number = trackingNumber == null ? "" : trackingNumber.trim().toUpperCase(java.util.Locale.ROOT);
        List<CarrierAdapter> matches = new ArrayList<>();
        Set<String> withFormat = new TreeSet<>();
        for (CarrierAdapter adapter : registry.adapters()) {
            adapter.trackingNumberFormat().ifPresent(format -> {
                withFormat.add(adapter.id());
                if (format.matcher(number).matches()) {
                    matches.add(adapter);
                }
            });
        }
        if (matches.size() == 1) {
            return new Result.Found(matches.get(0));
        }
        if (matches.isEmpty()) {
            return new Result.NotFound("the tracking number's format is not distinctive (only " + String.join(", ", withFormat)
                    + " numbers are told by format); give the carrier, one of " + String.join(", ", registry.shipmentCarriers()));
        }
        return new Result.NotFound("the tracking number fits several carriers' formats (" + String.join(", ",
                matches.stream().map(CarrierAdapter::id).sorted().toList()) + "); give the carrier");
    }

    /**
     * The adapter whose shape the payload has: the one that reads it into events (a marketplace over the carriers it
     * covers, such as Trendyol over Trendyol Express); else the one that reads it as an answer without events.
     */
    public Result byPayload(byte[] payload, String contentType) {
        List<CarrierAdapter> withEvents = new ArrayList<>();
        List<CarrierAdapter> readable = new ArrayList<>();
        for (CarrierAdapter adapter : registry.adapters()) {
            try {
                List<TrackingEvent> events = adapter.parse(payload, contentType);
                (events.isEmpty() ? readable : withEvents).add(adapter);
            } catch (PayloadException | RuntimeException notThisOne) {
                // not its shape
            }
        }
        Optional<Result> found = one(withEvents);
        if (found.isPresent()) {
            return found.get();
        }
        if (withEvents.isEmpty()) {
            found = one(readable);
            if (found.isPresent()) {
                return found.get();
            }
        }
        List<CarrierAdapter> candidates = withEvents.isEmpty() ? readable : withEvents;
        if (candidates.isEmpty()) {
            return new Result.NotFound("no carrier or marketplace recognises this payload; known: " + String.join(", ", registry.ids()));
        }
        return new Result.NotFound("the payload reads as several sources' (" + String.join(", ",
                candidates.stream().map(CarrierAdapter::id).sorted().toList()) + "); give --carrier");
    }

    private static Optional<Result> one(List<CarrierAdapter> candidates) {
        if (candidates.size() == 1) {
            return Optional.of(new Result.Found(candidates.get(0)));
        }
        List<CarrierAdapter> marketplaces = candidates.stream().filter(a -> a instanceof MarketplaceAdapter).toList();
        return marketplaces.size() == 1 && candidates.size() > 1 ? Optional.of(new Result.Found(marketplaces.get(0))) : Optional.empty();
    }
}
