package io.kargotakip.core.address;

import java.util.List;
import java.util.Map;

/**
 * One thing wrong with one field of an {@link AddressForm}, said to the customer in each shipped language.
 *
 * @param field       {@code province}, {@code district}, {@code neighbourhood}, {@code postalCode}, {@code line} or
 *                    {@code building}, as the form names its fields
 * @param problem     what is wrong, for code: {@code required}, {@code unknown}, {@code ambiguous}, {@code format},
 *                    {@code other_district}, {@code not_in_district}, {@code too_long}, {@code control}
 * @param suggestions what the field could be, best first (names as the data has them, or postal codes); may be empty
 * @param messages    the message by locale ({@code tr}, {@code en})
 */
public record FieldProblem(String field, String problem, List<String> suggestions, Map<String, String> messages) {

    public FieldProblem {
        suggestions = List.copyOf(suggestions);
        messages = Map.copyOf(messages);
    }

    /** The message in {@code locale}, English for a locale that is not shipped. */
    public String message(String locale) {
        String m = messages.get(locale);
        return m != null ? m : messages.get("en");
    }
}
