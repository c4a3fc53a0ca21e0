package io.kargotakip.core.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;

/**
 * An A/B test of one message kind's templates ({@code experiments:} in the rules file): each shipment gets one of the
 * variants, in proportion to their weights, and its messages of that kind use the variant's templates
 * ({@code <channel>/<locale>/<kind>.<variant>.*}, else the kind's own).
 *
 * @param variants in file order: the first is the one the report compares the others with
 */
public record Experiment(String id, String kind, List<Variant> variants) {

    /** @param weight a positive share: {@code {a: 50, b: 50}} splits evenly, {@code {a: 9, b: 1}} sends b to one in ten */
    public record Variant(String name, int weight) {
    }

    public Experiment {
        Objects.requireNonNull(id);
        Objects.requireNonNull(kind);
        variants = List.copyOf(variants);
        if (variants.isEmpty() || variants.stream().anyMatch(v -> v.weight() < 1)) {
            throw new IllegalArgumentException("an experiment needs variants with positive weights");
        }
    }

    public int totalWeight() {
        return variants.stream().mapToInt(Variant::weight).sum();
    }

    public List<String> variantNames() {
        return variants.stream().map(Variant::name).toList();
    }

    /**
     * The shipment's variant: a hash of the experiment's id and the shipment's id placed on the weights, so the same
     * shipment always gets the same variant (every channel of its chain, every replay, every function instance) with
     * nothing stored, and two experiments split the same shipments independently.
     *
     * @param shipmentId the shipment's id as the pipeline writes it ({@code carrier:trackingNumber})
     */
    public String variantFor(String shipmentId) {
        long slot = Long.remainderUnsigned(hash(id + "|" + shipmentId), totalWeight());
        for (Variant v : variants) {
            slot -= v.weight();
            if (slot < 0) {
                return v.name();
            }
        }
        throw new IllegalStateException("unreachable: the slot is below the total weight");
    }

    /** The first 64 bits of SHA-256: spread evenly whatever the ids look like (sequential tracking numbers too). */
    private static long hash(String material) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(material.getBytes(StandardCharsets.UTF_8));
            long h = 0;
            for (int i = 0; i < 8; i++) {
                h = (h << 8) | (d[i] & 0xff);
            }
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
