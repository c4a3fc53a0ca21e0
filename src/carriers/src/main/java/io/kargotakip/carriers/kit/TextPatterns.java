package io.kargotakip.carriers.kit;

import io.kargotakip.carriers.kit.MappingTable.MappingTableException;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The text layer for carriers whose detail is only words (Sürat's movements, MNG and Aras
 * explanations, DHL remarks): patterns from the {@code text} rows of the carrier's
 * {@link MappingTable}, matched on {@link TurkishText#fold folded} text.
 *
 * <p>A pattern matches where a word of the text starts, and may end inside a word, because Turkish
 * adds suffixes: "iade" matches "İADE EDİLDİ" and "iadesi", but not "tiade". When several patterns
 * match, the longest wins, so "teslim edilemedi" beats "teslim"; file order breaks ties.
 */
public final class TextPatterns {

    public static final String FIELD = "text";

    private record Pattern(String folded, StatusMapping mapping) {
    }

    private final List<Pattern> patterns;

    private TextPatterns(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** @throws MappingTableException when a pattern is blank or repeats another once folded */
    public static TextPatterns from(MappingTable table) {
        return from(table, row -> true);
    }

    /**
     * The text rows {@code which} keeps (e.g. those of one {@code type}: a carrier whose texts are read in layers or
     * per event family), matched by the same rule.
     *
     * @throws MappingTableException when a kept pattern is blank or repeats another kept one once folded
     */
    public static TextPatterns from(MappingTable table, java.util.function.Predicate<MappingTable.Row> which) {
        List<Pattern> patterns = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (MappingTable.Row row : table.rows(FIELD)) {
            if (!which.test(row)) {
                continue;
            }
            String folded = TurkishText.fold(row.code());
            if (folded.isEmpty()) {
                throw new MappingTableException(table.carrier() + " mapping table row " + row.line() + ": blank text pattern");
            }
            if (!seen.add(row.type() + "|" + folded)) {
                throw new MappingTableException(table.carrier() + " mapping table row " + row.line()
                        + ": text pattern repeats another once case and accents are folded");
            }
            patterns.add(new Pattern(folded, row.mapping()));
        }
        return new TextPatterns(patterns);
    }

    /** The mapping of the longest pattern found in the text; empty when none is. */
    public Optional<StatusMapping> match(String text) {
        String folded = " " + TurkishText.fold(text);
        Pattern best = null;
        for (Pattern p : patterns) {
            if (folded.contains(" " + p.folded()) && (best == null || p.folded().length() > best.folded().length())) {
                best = p;
            }
        }
        return Optional.ofNullable(best).map(Pattern::mapping);
    }

    public int size() {
        return patterns.size();
    }
}
