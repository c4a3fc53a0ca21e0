package io.kargotakip.aws.analytics.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * Numbers as a Turkish reader writes them: a dot between thousands, a comma before decimals, the percent sign in front
 * ({@code %58,3}). Written by hand, not with {@code Locale("tr")}: a native image carries only the locales it is told to.
 */
public final class TurkishNumbers {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd.MM.yyyy");
    private static final DateTimeFormatter SHORT_DAY = DateTimeFormatter.ofPattern("dd.MM");

    private TurkishNumbers() {
    }

    /** {@code decimals} places, trailing zeros kept: 1234.5 → "1.234,5". */
    public static String number(double v, int decimals) {
        BigDecimal d = BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_UP);
        String plain = d.abs().toPlainString();
        int dot = plain.indexOf('.');
        String whole = dot < 0 ? plain : plain.substring(0, dot);
        String fraction = dot < 0 ? "" : plain.substring(dot + 1);
        StringBuilder grouped = new StringBuilder();
        for (int i = 0; i < whole.length(); i++) {
            if (i > 0 && (whole.length() - i) % 3 == 0) {
                grouped.append('.');
            }
            grouped.append(whole.charAt(i));
        }
        String sign = d.signum() < 0 ? "-" : "";
        return sign + grouped + (fraction.isEmpty() ? "" : "," + fraction);
    }

    /** A count or rate: whole numbers without decimals, others with one. */
    public static String count(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9 ? number(v, 0) : number(v, Math.abs(v) < 10 ? 2 : 1);
    }

    /** A share 0–1: 0.583 → "%58,3". */
    public static String percent(double share) {
        double p = share * 100;
        String digits = number(Math.abs(p), Math.abs(p - Math.rint(p)) < 0.05 ? 0 : 1);
        return (p < 0 && !digits.matches("[0,]+") ? "-" : "") + "%" + digits;
    }

    /** A change in percentage points: −0.032 → "-3,2 puan". */
    public static String points(double shareDifference) {
        return number(shareDifference * 100, 1) + " puan";
    }

    /** Minutes as a person says them: under 90 as minutes ("45 dk"), else hours ("7,0 sa"). */
    public static String minutes(double minutes) {
        return Math.abs(minutes) < 90 ? number(minutes, 0) + " dk" : number(minutes / 60, 1) + " sa";
    }

    public static String score(double score) {
        return number(score, 0);
    }

    public static String lira(double lira) {
        return number(lira, 0) + " TL";
    }

    public static String day(LocalDate d) {
        return d.format(DAY);
    }

    public static String shortDay(LocalDate d) {
        return d.format(SHORT_DAY);
    }

    /** A value in a chart's format; "—" for none. */
    public static String format(Double v, Chart.Format format) {
        if (v == null) {
            return "—";
        }
        return switch (format) {
            case COUNT -> count(v);
            case PERCENT -> percent(v);
            case MINUTES -> minutes(v);
            case SCORE -> score(v);
        };
    }
}
