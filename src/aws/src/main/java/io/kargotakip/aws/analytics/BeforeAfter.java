package io.kargotakip.aws.analytics;

import java.time.LocalDate;

/**
 * Which weeks (each named by its Monday) count as before and after automation started. The week in which it started
 * counts as neither: half of it had messages and half had not, and it would blur both sides.
 */
public final class BeforeAfter {

    private BeforeAfter() {
    }

    /** The whole week ended before automation started (every week, when it never started). */
    public static boolean before(LocalDate week, LocalDate automationStart) {
        return automationStart == null || week.plusDays(7).compareTo(automationStart) <= 0;
    }

    /** The whole week lies on or after the day automation started. */
    public static boolean after(LocalDate week, LocalDate automationStart) {
        return automationStart != null && !week.isBefore(automationStart);
    }

    /** The week the day falls in. */
    public static boolean contains(LocalDate week, LocalDate day) {
        return day != null && !day.isBefore(week) && day.isBefore(week.plusDays(7));
    }
}
