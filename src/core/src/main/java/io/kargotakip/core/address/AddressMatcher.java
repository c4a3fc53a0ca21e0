package io.kargotakip.core.address;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the names of the address data that a customer meant: "kadikoy", "KADIKÖY", "Kadıkoy" are Kadıköy,
 * "bahcelievler mah." and "Bahçelievler Mahallesi" are "Bahçelievler Mah". A name is folded (Turkish lower case,
 * ç→c ğ→g ı→i ö→o ş→s ü→u and any other accent dropped, punctuation a space, the words mah/mahalle/mahallesi/
 * köy/köyü dropped); an equal folded name is an exact match, else the names within an edit distance that grows with
 * the typed name's length are suggestions. It matches within one list only: the caller gives the parent's names
 * (the districts of one province, the neighbourhoods of one district), so "Bahçelievler" in Ankara never suggests
 * İstanbul's.
 */
public final class AddressMatcher {

    /** At most this many suggestions: a customer reads five, not fifty. */
    public static final int MAX_SUGGESTIONS = 5;
    /** A typed name longer than this matches nothing (no name of the data is near it, and it bounds the work). */
    public static final int MAX_TYPED = 100;
    static final Locale TR = Locale.forLanguageTag("tr");
    /** The words that say what kind of place a name is, not which: matching ignores them. */
    private static final Set<String> KIND_WORDS = Set.of("mah", "mh", "mahalle", "mahallesi", "koy", "koyu");

    private AddressMatcher() {
    }

    /** The literal form: Turkish lower case, spaces collapsed ("KADIKÖY " → "kadıköy"). */
    static String literal(String s) {
        return s.strip().replaceAll("\\s+", " ").toLowerCase(TR);
    }

    /** Folded but with the kind words kept: "Bahçelievler Mah." → "bahcelievler mah". */
    public static String plain(String s) {
        String lower = Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(TR);
        // NFD splits ç, ğ, ö, ş, ü, â, î, û into a base letter and a mark; ı has no base letter, so it is mapped
        String bare = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").replace('ı', 'i');
        return bare.replaceAll("[^a-z0-9]+", " ").strip();
    }

    /**
     * The folded form names are compared in: "Bahçelievler Mahallesi" → "bahcelievler", "Akören Köyü" → "akoren".
     * A name that is only kind words ("Mah") keeps them, so it is not empty.
     */
    public static String fold(String s) {
        String plain = plain(s);
        String folded = Arrays.stream(plain.split(" ")).filter(w -> !KIND_WORDS.contains(w)).reduce((a, b) -> a + " " + b).orElse("");
        return folded.isEmpty() ? plain : folded;
    }

    /** The edit distance allowed for a typed name of {@code length} folded letters: 1 up to 4, 2 up to 10, then 3. */
    public static int threshold(int length) {
        return length == 0 ? 0 : length <= 4 ? 1 : length <= 10 ? 2 : 3;
    }

    /**
     * The optimal-string-alignment distance (Levenshtein plus a swap of two neighbours as one edit, the commonest
     * typing slip), or {@code max + 1} as soon as it is known to be more than {@code max}.
     */
    static int distance(String a, String b, int max) {
        int n = a.length();
        int m = b.length();
        if (Math.abs(n - m) > max) {
            return max + 1;
        }
        int[] before = new int[m + 1];
        int[] previous = new int[m + 1];
        int[] current = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            current[0] = i;
            int rowMin = i;
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int d = Math.min(Math.min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d = Math.min(d, before[j - 2] + 1);
                }
                current[j] = d;
                rowMin = Math.min(rowMin, d);
            }
            // every later cell comes from this row or the one before it plus one: none can come back under max
            if (rowMin > max) {
                return max + 1;
            }
            int[] spare = before;
            before = previous;
            previous = current;
            current = spare;
        }
        return Math.min(previous[m], max + 1);
    }

    /**
     * What a typed name matched: {@code exact} are the names it is (one when it says which; more when the data has
     * several names that fold alike, "Pınarbaşı Mah" and "Pınarbaşı Köyü" for "pinarbasi"); {@code suggestions} are
     * the exact ones and then the nearest, best first, at most {@link #MAX_SUGGESTIONS}.
     */
    public record Match<T>(List<T> exact, List<T> suggestions) {
        public Match {
            exact = List.copyOf(exact);
            suggestions = List.copyOf(suggestions);
        }

        static <T> Match<T> none() {
            return new Match<>(List.of(), List.of());
        }

        /** The one name meant, or empty when none or several are exact. */
        public Optional<T> resolved() {
            return exact.size() == 1 ? Optional.of(exact.get(0)) : Optional.empty();
        }

        /** Several names are exact: the customer must choose among them. */
        public boolean ambiguous() {
            return exact.size() > 1;
        }
    }

    /**
     * A list of names folded once, to match many typed names against. The items keep their order; among equally
     * good matches the earlier one comes first, so a list in Turkish alphabetical order gives ties in that order.
     */
    public static final class Names<T> {

        private final List<T> items;
        private final String[] literals;
        private final String[] plains;
        /** per item its folded name and, for "Çakmak Mah (akdurak Köyü)", also the part before the bracket */
        private final String[][] keys;

        public Names(Collection<T> items, Function<T, String> name) {
            this.items = List.copyOf(items);
            int n = this.items.size();
            literals = new String[n];
            plains = new String[n];
            keys = new String[n][];
            for (int i = 0; i < n; i++) {
                String s = name.apply(this.items.get(i));
                literals[i] = literal(s);
                plains[i] = plain(s);
                String folded = fold(s);
                int bracket = s.indexOf('(');
                String head = bracket > 0 ? fold(s.substring(0, bracket)) : "";
                keys[i] = head.isEmpty() || head.equals(folded) ? new String[] {folded} : new String[] {folded, head};
            }
        }

        public List<T> items() {
            return items;
        }

        /**
         * Ranks every name against {@code typed}: the same text in Turkish lower case first, then the same folded
         * text with its kind words, then the same folded text, then by edit distance within the threshold.
         */
        public Match<T> match(String typed) {
            if (typed == null || typed.isBlank() || typed.strip().length() > MAX_TYPED) {
                return Match.none();
            }
            String literal = literal(typed);
            String plain = plain(typed);
            String folded = fold(typed);
            int max = threshold(folded.replace(" ", "").length());
            List<int[]> ranked = new ArrayList<>(); // {score, index}
            for (int i = 0; i < items.size(); i++) {
                int score;
                if (literals[i].equals(literal)) {
                    score = 0;
                } else if (plains[i].equals(plain)) {
                    score = 1;
                } else {
                    int best = max + 1;
                    for (String key : keys[i]) {
                        best = Math.min(best, distance(folded, key, max));
                    }
                    score = best <= max ? 2 + best : -1; // 2: the same folded name
                }
                if (score >= 0) {
                    ranked.add(new int[] {score, i});
                }
            }
            ranked.sort(Comparator.<int[]>comparingInt(r -> r[0]).thenComparingInt(r -> r[1]));
            List<T> exact = new ArrayList<>();
            List<T> suggestions = new ArrayList<>();
            int exactScore = ranked.isEmpty() ? -1 : ranked.get(0)[0];
            for (int[] r : ranked) {
                if (r[0] <= 2 && r[0] == exactScore) {
                    exact.add(items.get(r[1]));
                }
                if (suggestions.size() < MAX_SUGGESTIONS) {
                    suggestions.add(items.get(r[1]));
                }
            }
            return new Match<>(exact, suggestions);
        }
    }
}
