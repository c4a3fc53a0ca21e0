package io.kargotakip.core.carrier;

import io.kargotakip.core.shipment.TrackingEvent;

import java.util.List;

/** A carrier that does nothing, for registry tests. */
record TestCarrier(String id, String displayName) implements CarrierAdapter {

    @Override
    public List<TrackingEvent> parse(byte[] payload) {
        return List.of();
    }

    @Override
    public CarrierProfile profile() {
        return CarrierProfile.pushOnly(null, "tracking number");
    }
}
