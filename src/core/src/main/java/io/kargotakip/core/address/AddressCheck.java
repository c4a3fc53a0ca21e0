package io.kargotakip.core.address;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks the tracking page's address form against the address book: every field but the building is required;
 * the province must be one, the district in it, the neighbourhood in the district, the postal code 5 digits and one
 * of the district's, the street line 1–200 characters without control characters. Every problem is reported, not
 * only the first, each with its field, a message in Turkish and English ({@code address/messages_<locale>.properties})
 * and suggestions. A field that depends on a wrong one is not checked further (a district is not looked for in a
 * province that is not one), so one mistake gives one message.
 */
public final class AddressCheck {

    /** The languages of the messages: the locales the templates ship. */
    public static final List<String> LOCALES = List.of("tr", "en");
    public static final int MAX_LINE = 200;
    public static final int MAX_BUILDING = 100;
    private static final Pattern FIVE_DIGITS = Pattern.compile("\\d{5}");
    /** C0/C1 controls, and the line and paragraph separators: what a one-line field never holds */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\u2028\\u2029]");
    private static final io.kargotakip.core.template.MessageBundle MESSAGES = new io.kargotakip.core.template.MessageBundle("address/messages");

    private final TurkishAddressBook book;

    public AddressCheck(TurkishAddressBook book) {
        this.book = book;
    }

    /** With the shipped data. */
    public static AddressCheck builtIn() {
        return new AddressCheck(TurkishAddressBook.builtIn());
    }

    /** The form's address with the data's names, or what is wrong with it. */
    public sealed interface Result {
        record Valid(Address address) implements Result {
        }

        record Invalid(List<FieldProblem> problems) implements Result {
            public Invalid {
                problems = List.copyOf(problems);
            }
        }
    }

    public Result check(AddressForm form) {
        List<FieldProblem> problems = new ArrayList<>();
        String province = null;
        String district = null;
        TurkishAddressBook.Neighbourhood neighbourhood = null;

        if (blank(form.province())) {
            problems.add(problem("province", "required", List.of(), Map.of()));
        } else {
            AddressMatcher.Match<String> match = book.findProvince(form.province());
            province = match.resolved().orElse(null);
            if (province == null) {
                problems.add(notFound("province", match.ambiguous(), cap(match.ambiguous() ? match.exact() : match.suggestions()), Map.of()));
            }
        }

        String postalCode = form.postalCode() == null ? "" : form.postalCode().replaceAll("\\s+", "");
        boolean postalCodeWellFormed = FIVE_DIGITS.matcher(postalCode).matches();

        if (blank(form.district())) {
            problems.add(problem("district", "required", List.of(), Map.of()));
        } else if (province != null) {
            AddressMatcher.Match<String> match = book.findDistrict(province, form.district());
            district = match.resolved().orElse(null);
            if (district == null) {
                List<String> suggestions = new ArrayList<>(match.ambiguous() ? match.exact() : match.suggestions());
                // a postal code of this province tells which district was meant better than the spelling does
                Optional<TurkishAddressBook.District> located = postalCodeWellFormed ? book.locate(postalCode) : Optional.empty();
                if (located.isPresent() && located.get().province().equals(province)) {
                    suggestions.remove(located.get().name());
                    suggestions.add(0, located.get().name());
                }
                problems.add(notFound("district", match.ambiguous(), cap(suggestions), Map.of("province", province)));
            }
        }

        if (blank(form.neighbourhood())) {
            problems.add(problem("neighbourhood", "required", List.of(), Map.of()));
        } else if (district != null) {
            AddressMatcher.Match<TurkishAddressBook.Neighbourhood> match = book.findNeighbourhood(province, district, form.neighbourhood());
            neighbourhood = match.resolved().orElse(null);
            if (neighbourhood == null) {
                // several exact: the customer chooses among those, the near ones would only confuse the choice
                List<String> names = (match.ambiguous() ? match.exact() : match.suggestions()).stream()
                        .map(TurkishAddressBook.Neighbourhood::name).toList();
                problems.add(notFound("neighbourhood", match.ambiguous(), cap(names), Map.of("district", district)));
            }
        }

        List<String> expected = district == null ? List.of() : expectedCodes(province, district, neighbourhood);
        int districtCodes = district == null ? 0 : book.postalCodes(province, district).size();
        if (postalCode.isEmpty()) {
            problems.add(postalCodeProblem("required", expected, districtCodes, district, Map.of()));
        } else if (!postalCodeWellFormed) {
            problems.add(postalCodeProblem("format", expected, districtCodes, district, Map.of()));
        } else if (district != null && !book.postalCodes(province, district).contains(postalCode)) {
            Optional<TurkishAddressBook.District> other = book.locate(postalCode);
            problems.add(other.isPresent()
                    ? postalCodeProblem("other_district", expected, districtCodes, district,
                            Map.of("other_district", other.get().name(), "other_province", other.get().province()))
                    : postalCodeProblem("not_in_district", expected, districtCodes, district, Map.of()));
        }

        String line = form.line() == null ? "" : form.line().strip();
        if (line.isEmpty()) {
            problems.add(problem("line", "required", List.of(), Map.of()));
        } else if (line.length() > MAX_LINE) {
            problems.add(problem("line", "too_long", List.of(), Map.of("max", String.valueOf(MAX_LINE))));
        } else if (CONTROL.matcher(line).find()) {
            problems.add(problem("line", "control", List.of(), Map.of()));
        }

        String building = blank(form.building()) ? null : form.building().strip();
        if (building != null && building.length() > MAX_BUILDING) {
            problems.add(problem("building", "too_long", List.of(), Map.of("max", String.valueOf(MAX_BUILDING))));
        } else if (building != null && CONTROL.matcher(building).find()) {
            problems.add(problem("building", "control", List.of(), Map.of()));
        }

        if (!problems.isEmpty()) {
            return new Result.Invalid(problems);
        }
        return new Result.Valid(new Address(province, district, neighbourhood.name(), postalCode, line, building));
    }

    /** The codes to offer: the neighbourhood's own first, then the district's, at most five. */
    private List<String> expectedCodes(String province, String district, TurkishAddressBook.Neighbourhood neighbourhood) {
        Set<String> codes = new LinkedHashSet<>();
        if (neighbourhood != null) {
            codes.add(neighbourhood.postalCode());
        }
        codes.addAll(book.postalCodes(province, district));
        return cap(new ArrayList<>(codes));
    }

    private static FieldProblem notFound(String field, boolean ambiguous, List<String> suggestions, Map<String, String> values) {
        return problem(field, ambiguous ? "ambiguous" : "unknown", suggestions, values);
    }

    private static FieldProblem postalCodeProblem(String problem, List<String> codes, int districtCodes, String district, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        if (district != null) {
            all.put("district", district);
        }
        Map<String, String> messages = new LinkedHashMap<>();
        for (String locale : LOCALES) {
            String text = text(locale, "postalCode." + problem, all);
            if (!codes.isEmpty()) {
                String which = codes.size() == 1 ? "one" : districtCodes > codes.size() ? "some" : "many";
                all.put("codes", String.join(", ", codes));
                text += " " + text(locale, "postalCode.codes." + which, all);
            }
            messages.put(locale, text);
        }
        return new FieldProblem("postalCode", problem, codes, messages);
    }

    private static FieldProblem problem(String field, String problem, List<String> suggestions, Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        if (values.containsKey("province")) {
            all.put("province_in", inTurkish(values.get("province")));
        }
        if (values.containsKey("district")) {
            all.put("district_in", inTurkish(values.get("district")));
        }
        Map<String, String> messages = new LinkedHashMap<>();
        for (String locale : LOCALES) {
            String text = text(locale, field + "." + problem, all);
            if (!suggestions.isEmpty()) {
                all.put("suggestions", joinOr(locale, suggestions));
                String key = problem.equals("ambiguous") ? "choose" : suggestions.size() == 1 ? "suggest.one" : "suggest.many";
                text += " " + text(locale, key, all);
            }
            messages.put(locale, text);
        }
        return new FieldProblem(field, problem, suggestions, messages);
    }

    /**
     * A place name with the Turkish locative, as the language joins it to a proper noun: "İstanbul'da", "İzmir'de",
     * "Muş'ta", "Kadıköy'de" (the vowel follows the name's last vowel, d turns t after a voiceless consonant).
     */
    static String inTurkish(String name) {
        String lower = name.toLowerCase(AddressMatcher.TR);
        char vowel = 'e';
        for (int i = lower.length() - 1; i >= 0; i--) {
            char c = lower.charAt(i);
            if ("aıouâû".indexOf(c) >= 0) {
                vowel = 'a';
                break;
            }
            if ("eiöüî".indexOf(c) >= 0) {
                vowel = 'e';
                break;
            }
        }
        char last = lower.isEmpty() ? 'a' : lower.charAt(lower.length() - 1);
        char consonant = "çfhkpsşt".indexOf(last) >= 0 ? 't' : 'd';
        return name + "'" + consonant + vowel;
    }

    /** "A", "A ya da B", "A, B ya da C" (or, in English). */
    private static String joinOr(String locale, List<String> items) {
        return MESSAGES.joinOr(locale, items);
    }

    private static List<String> cap(List<String> list) {
        return list.size() > AddressMatcher.MAX_SUGGESTIONS ? List.copyOf(list.subList(0, AddressMatcher.MAX_SUGGESTIONS)) : list;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** The message {@code key} in {@code locale} with its {@code {name}}s filled in. */
    static String text(String locale, String key, Map<String, String> values) {
        return MESSAGES.text(locale, key, values);
    }

    static Properties texts(String locale) {
        return MESSAGES.texts(locale);
    }
}
