package io.kargotakip.channels.sms;

import java.util.Map;

/**
 * Writes a text in the GSM-7 alphabet where a close letter exists. The basic GSM-7 table has Ç, Ö, Ü, ö and ü but
 * not ç, ğ, ı, İ, ş: one of those would make the whole SMS UCS-2, 70 characters a segment instead of 160. Turkish
 * SMS senders commonly write them plain (siparişin → siparisin), which stays readable. Typographic quotes, dashes
 * and the ellipsis that names and merchant templates bring in are written plain too. Anything else (an emoji,
 * another script) is left as it is, and the segment count then says UCS-2.
 */
public final class Gsm7Text {

    private static final Map<Character, String> PLAIN = Map.ofEntries(
            Map.entry('ç', "c"), Map.entry('ğ', "g"), Map.entry('Ğ', "G"), Map.entry('ı', "i"), Map.entry('İ', "I"),
            Map.entry('ş', "s"), Map.entry('Ş', "S"), Map.entry('â', "a"), Map.entry('Â', "A"), Map.entry('î', "i"),
            Map.entry('Î', "I"), Map.entry('û', "u"), Map.entry('Û', "U"),
            Map.entry('‘', "'"), Map.entry('’', "'"), Map.entry('“', "\""), Map.entry('”', "\""), Map.entry('–', "-"),
            Map.entry('—', "-"), Map.entry('…', "..."), Map.entry('\u00A0', " "));

    private Gsm7Text() {
    }

    public static String of(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            String plain = PLAIN.get(c);
            if (plain != null) {
                out.append(plain);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
