package io.kargotakip.carriers.kit;

import java.util.regex.Pattern;

/**
 * Where a carrier code that no table row maps is recorded for review. The event still goes on, as
 * {@code unknown}: the shipment keeps its previous status (see {@code StatusProgression}) and the
 * normalizer counts it in its {@code UnmappedEvents} metric. This adds the log line that says
 * <em>which</em> code to add to the carrier's table: carrier and code only, never a tracking number
 * or any other part of the payload.
 */
public final class UnmappedCodes {

    private static final System.Logger LOG = System.getLogger(UnmappedCodes.class.getName());
    // Codes are short and alphanumeric; anything else is cut so a payload cannot write into the log.
    private static final Pattern NOT_CODE = Pattern.compile("[^A-Za-z0-9/_*. -]");
    private static final int MAX_CODE_LENGTH = 32;

    private UnmappedCodes() {
    }

    /** Logs the unmapped code and returns {@link StatusMapping#UNKNOWN}, for {@code orElseGet}. */
    public static StatusMapping record(String carrier, String code) {
        LOG.log(System.Logger.Level.INFO, "unmapped carrier code: carrier={0} code={1}", carrier, printable(code));
        return StatusMapping.UNKNOWN;
    }

    static String printable(String code) {
        if (code == null || code.isEmpty()) {
            return "(none)";
        }
        String cleaned = NOT_CODE.matcher(code).replaceAll("?");
        return cleaned.length() <= MAX_CODE_LENGTH ? cleaned : cleaned.substring(0, MAX_CODE_LENGTH) + "…";
    }
}
