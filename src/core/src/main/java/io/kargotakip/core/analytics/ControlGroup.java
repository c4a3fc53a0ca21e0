package io.kargotakip.core.analytics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The control group that measures deflection: a deterministic share of shipments gets no proactive message, so the
 * difference of WISMO contact rates between it and the rest is what the messages prevented. A shipment's place is a
 * function of its id alone (SHA-256 of {@code control|<carrier>:<tracking number>} as basis points), so every stage and
 * every retry agrees, and it is independent of carrier, lane or time. Off unless the merchant sets a share.
 *
 * @param basisPoints the share in hundredths of a percent (500 = 5%); 0 = off
 */
public record ControlGroup(int basisPoints) {

    public static final ControlGroup OFF = new ControlGroup(0);

    public ControlGroup {
        if (basisPoints < 0 || basisPoints > 5000) {
            throw new IllegalArgumentException("a control group is 0% to 50% of shipments, not " + basisPoints / 100.0 + "%");
        }
    }

    /** From a percentage ({@code 5}, {@code 2.5}); 0 = off. */
    public static ControlGroup percent(double percent) {
        if (Double.isNaN(percent) || percent < 0 || percent > 50) {
            throw new IllegalArgumentException("a control group is 0% to 50% of shipments, not " + percent + "%");
        }
        return new ControlGroup((int) Math.round(percent * 100));
    }

    public boolean enabled() {
        return basisPoints > 0;
    }

    /** Whether this shipment is held out of proactive messages. */
    public boolean holdsOut(String carrier, String trackingNumber) {
        return enabled() && bucket(carrier + ":" + trackingNumber) < basisPoints;
    }

    /** The shipment's bucket, 0–9999. */
    static int bucket(String shipment) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(("control|" + shipment).getBytes(StandardCharsets.UTF_8));
            long v = ((d[0] & 0xFFL) << 24) | ((d[1] & 0xFFL) << 16) | ((d[2] & 0xFFL) << 8) | (d[3] & 0xFFL);
            return (int) (v % 10_000);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
