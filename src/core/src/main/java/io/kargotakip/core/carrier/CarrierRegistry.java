package io.kargotakip.core.carrier;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The carriers on the classpath, by id. */
public final class CarrierRegistry {

    private final Map<String, CarrierAdapter> carriers;

    private CarrierRegistry(Map<String, CarrierAdapter> carriers) {
        this.carriers = Map.copyOf(carriers);
    }

    public static CarrierRegistry load() {
        Map<String, CarrierAdapter> found = new TreeMap<>();
        for (CarrierAdapter adapter : ServiceLoader.load(CarrierAdapter.class, CarrierRegistry.class.getClassLoader())) {
            found.put(adapter.id(), adapter);
        }
        return new CarrierRegistry(found);
    }

    public static CarrierRegistry of(CarrierAdapter... adapters) {
        Map<String, CarrierAdapter> found = new TreeMap<>();
        for (CarrierAdapter adapter : adapters) {
            found.put(adapter.id(), adapter);
        }
        return new CarrierRegistry(found);
    }

    public Optional<CarrierAdapter> find(String id) {
        return Optional.ofNullable(id == null ? null : carriers.get(id));
    }

    public Set<String> ids() {
        return new java.util.TreeSet<>(carriers.keySet());
    }

    /**
     * The carriers a shipment can name: every adapter but the marketplaces that carry no parcels themselves and the
     * {@code manual} source.
     */
    public Set<String> shipmentCarriers() {
        Set<String> ids = new java.util.TreeSet<>();
        carriers.forEach((id, adapter) -> {
            boolean marketplaceOnly = adapter instanceof io.kargotakip.core.marketplace.MarketplaceAdapter m && !m.carriesParcels();
            if (!marketplaceOnly && !id.equals("manual")) {
                ids.add(id);
            }
        });
        return ids;
    }

    public java.util.Collection<CarrierAdapter> adapters() {
        return carriers.values();
    }
}
