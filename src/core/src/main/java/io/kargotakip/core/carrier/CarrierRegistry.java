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
}
