package io.kargotakip.core.carrier;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CarrierRegistryTest {

    private final TestCarrier ups = new TestCarrier("ups", "UPS");
    private final TestCarrier aras = new TestCarrier("aras", "Aras Kargo");
    private final TestCarrier yurtici = new TestCarrier("yurtici", "Yurtiçi Kargo");
    private final CarrierRegistry registry = CarrierRegistry.of(yurtici, ups, aras);

    @Test
    void findsAnAdapterById() {
        assertThat(registry.find("ups")).containsSame(ups);
        assertThat(registry.find("aras")).containsSame(aras);
        assertThat(registry.find("yurtici")).map(CarrierAdapter::displayName).contains("Yurtiçi Kargo");
    }

    @Test
    void idsAreSorted() {
        assertThat(registry.ids()).containsExactly("aras", "ups", "yurtici");
    }

    @Test
    void idsCannotChangeTheRegistry() {
        try {
            registry.ids().remove("ups");
        } catch (UnsupportedOperationException ignored) {
            // an unmodifiable view is fine too
        }
        assertThat(registry.ids()).contains("ups");
        assertThat(registry.find("ups")).isPresent();
    }

    @Test
    void unknownIdIsEmpty() {
        assertThat(registry.find("mng")).isEmpty();
        assertThat(registry.find("")).isEmpty();
    }

    @Test
    void nullIdIsEmpty() {
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void anEmptyRegistryFindsNothing() {
        CarrierRegistry empty = CarrierRegistry.of();

        assertThat(empty.ids()).isEmpty();
        assertThat(empty.find("ups")).isEmpty();
    }

    @Test
    void loadWithoutServiceEntriesIsEmpty() {
        // the core module ships no adapters; carriers plug in through META-INF/services
        assertThat(CarrierRegistry.load().ids()).isEmpty();
    }
}
