package io.kargotakip.core.carrier;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Per-carrier configuration (base URL, credentials). Keys are looked up as environment variables
 * {@code KARGO_CARRIER_<CARRIER>_<KEY>}, e.g. {@code KARGO_CARRIER_UPS_CLIENT_ID}.
 */
public final class CarrierSettings {

    private final String carrier;
    private final Function<String, String> lookup;

    public CarrierSettings(String carrier, Function<String, String> lookup) {
        this.carrier = carrier;
        this.lookup = lookup;
    }

    public static CarrierSettings fromEnvironment(String carrier) {
        return new CarrierSettings(carrier, System::getenv);
    }

    public static CarrierSettings of(String carrier, Map<String, String> values) {
        return new CarrierSettings(carrier, values::get);
    }

    public String carrier() {
        return carrier;
    }

    /** The environment variable of a key: {@code client-id} of {@code trendyol-express} is {@code KARGO_CARRIER_TRENDYOL_EXPRESS_CLIENT_ID}. */
    public String variable(String key) {
        return "KARGO_CARRIER_" + carrier.toUpperCase(Locale.ROOT).replace('-', '_') + "_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** @param key e.g. {@code client-id}, looked up as {@code KARGO_CARRIER_UPS_CLIENT_ID} */
    public Optional<String> get(String key) {
        String value = lookup.apply(variable(key));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
