package io.kargotakip.core.eta;

import io.kargotakip.core.calendar.BusinessCalendar;

import java.time.LocalDate;

/**
 * A carrier calendar's working days precomputed for a span of years, so the ETA's day arithmetic is an array look-up
 * (a prediction takes microseconds, training 300,000 shipments a fraction of a second); outside the span it asks the
 * calendar itself, slower but the same answer.
 */
public final class WorkingDays {

    static final LocalDate FIRST = LocalDate.of(2015, 1, 1);
    static final LocalDate LAST = LocalDate.of(2040, 12, 31);

    private final BusinessCalendar calendar;
    private final long base;
    /** working days on or before FIRST + i */
    private final int[] worked;
    /** whole-day holidays on or before FIRST + i that fall on one of the calendar's weekdays (the days a holiday costs) */
    private final int[] holidays;
    /** the k-th working day of the span, as days since FIRST */
    private final int[] nth;

    public WorkingDays(BusinessCalendar calendar) {
        this.calendar = calendar;
        this.base = FIRST.toEpochDay();
        int days = (int) (LAST.toEpochDay() - base + 1);
        worked = new int[days];
        holidays = new int[days];
        int[] list = new int[days];
        int w = 0;
        int h = 0;
        for (int i = 0; i < days; i++) {
            LocalDate d = FIRST.plusDays(i);
            if (calendar.isWorkingDay(d)) {
                list[w++] = i;
            } else if (calendar.isHoliday(d) && calendar.workingDays().contains(d.getDayOfWeek())) {
                h++;
            }
            worked[i] = w;
            holidays[i] = h;
        }
        nth = java.util.Arrays.copyOf(list, w);
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    private int index(LocalDate d) {
        long i = d.toEpochDay() - base;
        return i < 0 || i >= worked.length ? -1 : (int) i;
    }

    public boolean isWorkingDay(LocalDate d) {
        return calendar.isWorkingDay(d);
    }

    /** Working days after {@code from} up to and including {@code to}; negative when {@code to} is earlier. */
    public int between(LocalDate from, LocalDate to) {
        int a = index(from);
        int b = index(to);
        if (a < 0 || b < 0) {
            return calendar.workingDaysBetween(from, to);
        }
        return worked[b] - worked[a];
    }

    /** The working day {@code count} working days after {@code day}; {@code day} itself for 0. */
    public LocalDate plus(LocalDate day, int count) {
        if (count == 0) {
            return day;
        }
        int i = index(day);
        if (i >= 0 && count > 0) {
            int k = worked[i] + count - 1;
            if (k < nth.length) {
                return FIRST.plusDays(nth[k]);
            }
        }
        return calendar.plusWorkingDays(day, count);
    }

    /** {@code day} when worked, else the next working day. */
    public LocalDate onOrAfter(LocalDate day) {
        return isWorkingDay(day) ? day : plus(day, 1);
    }

    /** Whole-day holidays after {@code from} up to and including {@code to} that would otherwise have been worked. */
    public int holidaysBetween(LocalDate from, LocalDate to) {
        int a = index(from);
        int b = index(to);
        if (a >= 0 && b >= 0) {
            return Math.max(0, holidays[b] - holidays[a]);
        }
        int n = 0;
        for (LocalDate d = from.plusDays(1); !d.isAfter(to); d = d.plusDays(1)) {
            if (calendar.isHoliday(d) && calendar.workingDays().contains(d.getDayOfWeek())) {
                n++;
            }
        }
        return n;
    }
}
