package io.kargotakip.core.calendar;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Carrier business hours: the hours in which a parcel is expected to move, in the carriers' zone. Turkish
 * carriers scan Monday to Saturday; public holidays (the data file {@code calendar/tr-holidays.csv}) do not
 * count, and a half-day holiday (arife) ends the day at 13:00. Used by the stall rule, so "no scan for 24
 * business hours" does not fire over a Sunday or a Bayram.
 */
public final class BusinessCalendar {

    public static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    public static final String TURKEY = "calendar/tr-holidays.csv";
    private static final LocalTime HALF_DAY_END = LocalTime.of(13, 0);

    private final ZoneId zone;
    private final Set<DayOfWeek> workingDays;
    private final LocalTime opens;
    private final LocalTime closes;
    /** true = whole day off, false = half day (from 13:00) */
    private final Map<LocalDate, Boolean> holidays;

    public BusinessCalendar(ZoneId zone, Set<DayOfWeek> workingDays, LocalTime opens, LocalTime closes, Map<LocalDate, Boolean> holidays) {
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("business hours must open before they close");
        }
        this.zone = Objects.requireNonNull(zone);
        this.workingDays = Set.copyOf(workingDays);
        this.opens = opens;
        this.closes = closes;
        this.holidays = Map.copyOf(holidays);
    }

    /** Turkish carriers: Monday to Saturday, 09:00–18:00 Istanbul time, Turkish public holidays off. */
    public static BusinessCalendar turkishCarriers() {
        return new BusinessCalendar(ISTANBUL, EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY), LocalTime.of(9, 0),
                LocalTime.of(18, 0), holidays(TURKEY));
    }

    /** The instant at which {@code hours} of business time have passed since {@code from}. */
    public Instant plusBusinessHours(Instant from, Duration hours) {
        if (hours.isNegative()) {
            throw new IllegalArgumentException("hours must not be negative");
        }
        Duration left = hours;
        ZonedDateTime at = from.atZone(zone);
        // a year has about 2,500 business hours; the bound only stops a misconfigured calendar from looping
        for (int day = 0; day < 3_660; day++) {
            LocalDate date = at.toLocalDate();
            LocalTime start = opens;
            LocalTime end = closesOn(date);
            if (end != null) {
                LocalTime now = at.toLocalTime();
                LocalTime begin = now.isAfter(start) ? now : start;
                if (begin.isBefore(end)) {
                    Duration open = Duration.between(begin, end);
                    if (open.compareTo(left) >= 0) {
                        return date.atTime(begin).plus(left).atZone(zone).toInstant();
                    }
                    left = left.minus(open);
                }
            }
            at = date.plusDays(1).atStartOfDay(zone);
        }
        throw new IllegalStateException("the business calendar has no working hours");
    }

    /** When business hours end that day, or null when the day is not worked. */
    private LocalTime closesOn(LocalDate date) {
        if (!workingDays.contains(date.getDayOfWeek())) {
            return null;
        }
        Boolean holiday = holidays.get(date);
        if (holiday == null) {
            return closes;
        }
        return holiday ? null : (HALF_DAY_END.isBefore(closes) ? HALF_DAY_END : closes);
    }

    public ZoneId zone() {
        return zone;
    }

    /** The same hours and holidays on other weekdays: a carrier that does not deliver on Saturday works Monday to Friday. */
    public BusinessCalendar withWorkingDays(Set<DayOfWeek> days) {
        return new BusinessCalendar(zone, days, opens, closes, holidays);
    }

    /** Every day a working day, no holidays: plain calendar days (the ETA backtest's {@code --calendar none}). */
    public static BusinessCalendar everyDay(ZoneId zone) {
        return new BusinessCalendar(zone, EnumSet.allOf(DayOfWeek.class), LocalTime.of(9, 0), LocalTime.of(18, 0), Map.of());
    }

    public Set<DayOfWeek> workingDays() {
        return workingDays;
    }

    /** Whether that day is a half-day holiday (an arife, 28 October): worked until 13:00 only. */
    public boolean isHalfDay(LocalDate date) {
        return Boolean.FALSE.equals(holidays.get(date));
    }

    /** When the carriers stop working that day (13:00 on a half day), or null when the day is not worked. */
    public LocalTime closingTime(LocalDate date) {
        return closesOn(date);
    }

    /**
     * The working days after {@code from} up to and including {@code to} (negative when {@code to} is before
     * {@code from}): a parcel started on Friday and delivered on Monday took 2 days (Saturday, Monday).
     */
    public int workingDaysBetween(LocalDate from, LocalDate to) {
        int sign = 1;
        LocalDate a = from;
        LocalDate b = to;
        if (b.isBefore(a)) {
            sign = -1;
            a = to;
            b = from;
        }
        int count = 0;
        for (LocalDate d = a.plusDays(1); !d.isAfter(b); d = d.plusDays(1)) {
            if (isWorkingDay(d)) {
                count++;
            }
        }
        return sign * count;
    }

    /** The working day {@code count} working days after {@code day} ({@code day} itself for 0). */
    public LocalDate plusWorkingDays(LocalDate day, int count) {
        return count == 0 ? day : workingDaysAfter(day, count).get(count - 1);
    }

    /** {@code day} when it is worked, else the next working day. */
    public LocalDate workingDayOnOrAfter(LocalDate day) {
        return isWorkingDay(day) ? day : workingDaysAfter(day, 1).get(0);
    }

    public boolean isHoliday(LocalDate date) {
        return Boolean.TRUE.equals(holidays.get(date));
    }

    /** Whether the carriers work that day at all: a working weekday that is no whole-day holiday (an arife is worked until 13:00). */
    public boolean isWorkingDay(LocalDate date) {
        return closesOn(date) != null;
    }

    /**
     * The first {@code count} working days after {@code day} (not counting it), oldest first: the delivery days a
     * customer may choose on the tracking page.
     */
    public List<LocalDate> workingDaysAfter(LocalDate day, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        List<LocalDate> days = new ArrayList<>();
        LocalDate next = day.plusDays(1);
        // the longest run of days off is a Bayram with a weekend (about a week); the bound only stops a calendar with none
        for (int tried = 0; days.size() < count && tried < 3_660; tried++, next = next.plusDays(1)) {
            if (isWorkingDay(next)) {
                days.add(next);
            }
        }
        if (days.size() < count) {
            throw new IllegalStateException("the business calendar has no working days");
        }
        return List.copyOf(days);
    }

    /** Reads a holiday file ({@code date,kind,name}; kind {@code full} or {@code half}); a bad row fails the load. */
    public static Map<LocalDate, Boolean> holidays(String resource) {
        InputStream in = BusinessCalendar.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("holiday file " + resource + " is not on the classpath");
        }
        Map<LocalDate, Boolean> days = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#") || line.startsWith("date,")) {
                    continue;
                }
                String[] cells = line.split(",", 3);
                try {
                    LocalDate date = LocalDate.parse(cells[0].trim());
                    boolean full = switch (cells[1].trim()) {
                        case "full" -> true;
                        case "half" -> false;
                        default -> throw new IllegalArgumentException("kind must be full or half");
                    };
                    days.merge(date, full, Boolean::logicalOr); // a Bayram on a fixed holiday is still a whole day
                } catch (RuntimeException e) {
                    throw new IllegalStateException(resource + ":" + number + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return days;
    }
}
