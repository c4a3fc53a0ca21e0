package io.kargotakip.core.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * Who a consent belongs to. Orders embed their customer and the orders API carries no customer reference of the
 * merchant, so the id is derived from the customer's contact: {@code c-} and the first 16 hex digits of the SHA-256
 * of the lowercased e-mail address, or of the E.164 phone number when there is no e-mail. The same person ordering
 * twice with the same address is one customer; the id holds no contact in clear (pseudonymous, not anonymous).
 */
public final class CustomerId {

    private CustomerId() {
    }

    /** The id of an order's customer; empty when it has neither e-mail nor phone. */
    public static Optional<String> of(Customer customer) {
        if (customer == null) {
            return Optional.empty();
        }
        if (customer.email() != null && !customer.email().isBlank()) {
            return Optional.of(ofEmail(customer.email()));
        }
        if (customer.phone() != null && !customer.phone().isBlank()) {
            return Optional.of(ofPhone(customer.phone()));
        }
        return Optional.empty();
    }

    public static String ofEmail(String email) {
        return "c-" + sha256(email.strip().toLowerCase(Locale.ROOT)).substring(0, 16);
    }

    /** A phone in any form ({@code 0532 …}, {@code +90 532 …}, WhatsApp's {@code 90532…}) counts as its digits after a plus. */
    public static String ofPhone(String phone) {
        return "c-" + sha256("+" + phone.replaceAll("[^0-9]", "")).substring(0, 16);
    }

    /** Whether the text has the form of an id ({@code c-} and 16 lowercase hex digits). */
    public static boolean isWellFormed(String id) {
        return id != null && id.matches("c-[0-9a-f]{16}");
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
