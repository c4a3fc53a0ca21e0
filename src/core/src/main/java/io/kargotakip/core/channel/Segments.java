package io.kargotakip.core.channel;

/**
 * SMS segment count (3GPP TS 23.038). GSM-7 text: 160 characters in one segment, 153 per segment when
 * concatenated; characters of the extension table (€, [, ], {, }, ...) take two. Anything outside GSM-7 makes
 * the whole message UCS-2: 70 UTF-16 units in one segment, 67 per segment when concatenated. The Turkish national
 * shift table (which would keep ş, ğ, ı in 7 bits) is not assumed: not every operator path honours it.
 */
public final class Segments {

    private static final String GSM7_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String GSM7_EXTENSION = "^{}\\[~]|€\f";

    private Segments() {
    }

    public static boolean isGsm7(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (GSM7_BASIC.indexOf(c) < 0 && GSM7_EXTENSION.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    public static int count(String text) {
        if (text.isEmpty()) {
            return 1;
        }
        if (isGsm7(text)) {
            int septets = 0;
            for (int i = 0; i < text.length(); i++) {
                septets += GSM7_EXTENSION.indexOf(text.charAt(i)) >= 0 ? 2 : 1;
            }
            return septets <= 160 ? 1 : (septets + 152) / 153;
        }
        int units = text.length();
        return units <= 70 ? 1 : (units + 66) / 67;
    }
}
