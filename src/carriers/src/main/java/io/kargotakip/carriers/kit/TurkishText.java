package io.kargotakip.carriers.kit;

import java.text.Normalizer;

/**
 * Folds carrier text for matching: case- and diacritic-insensitive, with Turkish letters handled as
 * Turkish readers see them. Carriers and their staff type the same word many ways — "TESLİM EDİLDİ",
 * "Teslim Edildi", "TESLIM EDILDI" (no İ on the keyboard), "teslım edıldı" — and all must match.
 *
 * <p>Why not {@code toLowerCase}: in the root locale "İ" becomes "i" plus a combining dot and "I"
 * becomes "i"; in the Turkish locale "I" becomes "ı", which then differs from "i". Here every one of
 * I, İ, ı, i folds to {@code i}, and ç ğ ö ş ü (and â î û) to c g o s u. Punctuation and runs of
 * white space become one space, so "Teslim  Edildi." equals "teslim edildi".
 */
public final class TurkishText {

    private TurkishText() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        boolean space = true; // drops leading separators
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD);
        for (int i = 0; i < decomposed.length(); ) {
            int cp = decomposed.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.getType(cp) == Character.NON_SPACING_MARK) {
                continue; // the dot of a decomposed İ, cedillas, breves, umlauts, circumflexes
            }
            int folded = fold(cp);
            if (Character.isLetterOrDigit(folded)) {
                out.appendCodePoint(folded);
                space = false;
            } else if (!space) {
                out.append(' ');
                space = true;
            }
        }
        int end = out.length();
        return end > 0 && out.charAt(end - 1) == ' ' ? out.substring(0, end - 1) : out.toString();
    }

    private static int fold(int cp) {
        switch (cp) {
            case 'I', '\u0130', '\u0131':
                return 'i';
            default:
                return Character.toLowerCase(cp);
        }
    }
}
