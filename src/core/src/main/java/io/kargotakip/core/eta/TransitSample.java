package io.kargotakip.core.eta;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * One delivered shipment the model learns from.
 *
 * @param carrier     carrier id ({@code yurtici}, {@code ups}, …)
 * @param service     the carrier's service ("" when unknown)
 * @param origin      origin province's plate code ("34")
 * @param destination destination province's plate code
 * @param shippedAt   when the carrier took it, Istanbul local time (a date alone is its midnight: before the cut-off)
 * @param delivered   the day it was delivered, Istanbul
 */
public record TransitSample(String carrier, String service, String origin, String destination, LocalDateTime shippedAt,
                            LocalDate delivered) {

    public TransitSample {
        Objects.requireNonNull(carrier, "carrier");
        service = service == null ? "" : service;
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(shippedAt, "shippedAt");
        Objects.requireNonNull(delivered, "delivered");
    }
}
