package io.kargotakip.aws.orders;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * The optional journey fields of an order (the carrier's service, the sending and receiving provinces, the merchant's
 * promised delivery date), read alike from JSON and CSV. They go to the analytics only (SLA per lane against the
 * promise): a province is coarse enough not to be an address, and nothing finer is taken.
 */
final class JourneyFields {

    static final int MAX_LENGTH = 40;

    private JourneyFields() {
    }

    static LocalDate date(String field, String value, int line, List<OrderIntake.Problem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            problems.add(new OrderIntake.Problem(line, field + " is not a date (YYYY-MM-DD): " + shown(value)));
            return null;
        }
    }

    /** A province as the merchant writes it (a name or a plate code), trimmed; too long or with digits and letters mixed is refused. */
    static String province(String field, String value, int line, List<OrderIntake.Problem> problems) {
        String v = text(field, value, line, problems);
        if (v != null && !v.matches("\\d{1,2}|[\\p{L} .'-]+")) {
            problems.add(new OrderIntake.Problem(line, field + " is a province's name or plate code, not " + shown(v)));
            return null;
        }
        return v;
    }

    static String text(String field, String value, int line, List<OrderIntake.Problem> problems) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.length() > MAX_LENGTH) {
            problems.add(new OrderIntake.Problem(line, field + " is longer than " + MAX_LENGTH + " characters"));
            return null;
        }
        return v;
    }

    private static String shown(String value) {
        String v = value.strip();
        return v.length() > 20 ? v.substring(0, 20) + "…" : v;
    }
}
