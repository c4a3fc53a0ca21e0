package io.kargotakip.core.shipment;

import java.util.Arrays;
import java.util.Optional;

/** Why a delivery failed or a shipment is delayed or in exception. */
public enum Reason {
    ADDRESS_PROBLEM("address_problem"),
    RECIPIENT_ABSENT("recipient_absent"),
    REFUSED("refused"),
    DAMAGED("damaged"),
    LOST("lost"),
    CUSTOMS("customs"),
    BUSINESS_CLOSED("business_closed"),
    PAYMENT_REQUIRED("payment_required"),
    WEATHER("weather"),
    CANCELLED("cancelled"),
    ACCESS_PROBLEM("access_problem"),
    OTHER("other");

    private final String wireName;

    Reason(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Reason> fromWireName(String name) {
        return Arrays.stream(values()).filter(r -> r.wireName.equals(name)).findFirst();
    }

    @Override
    public String toString() {
        return wireName;
    }
}
