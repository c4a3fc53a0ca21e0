package io.kargotakip.core.calendar;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

class BusinessCalendarTest {

    private final BusinessCalendar turkey = BusinessCalendar.turkishCarriers();

    private static Instant istanbul(String local) {
        return java.time.LocalDateTime.parse(local).atZone(BusinessCalendar.ISTANBUL).toInstant();
    }

    @Test
    void hoursCountOnlyInsideTheWorkingDay() {
        // Tuesday 16:00 + 4 business hours: 2 on Tuesday, 2 from Wednesday 09:00
        assertThat(turkey.plusBusinessHours(istanbul("2026-12-01T16:00"), Duration.ofHours(4))).isEqualTo(istanbul("2026-12-02T11:00"));
        // a scan in the night counts from the next opening
        assertThat(turkey.plusBusinessHours(istanbul("2026-12-01T23:30"), Duration.ofHours(1))).isEqualTo(istanbul("2026-12-02T10:00"));
    }

    @Test
    void sundayIsNotAWorkingDayButSaturdayIs() {
        // Saturday 17:00 + 2 h: 1 h on Saturday, Sunday skipped, 1 h on Monday
        assertThat(turkey.plusBusinessHours(istanbul("2026-12-05T17:00"), Duration.ofHours(2))).isEqualTo(istanbul("2026-12-07T10:00"));
    }

    @Test
    void publicHolidaysAndBayramDaysDoNotCount() {
        // Republic Day, Thursday 29 October 2026, is off; its eve (28th) ends at 13:00
        assertThat(turkey.isHoliday(LocalDate.of(2026, 10, 29))).isTrue();
        assertThat(turkey.plusBusinessHours(istanbul("2026-10-28T12:00"), Duration.ofHours(2))).isEqualTo(istanbul("2026-10-30T10:00"));
        // Kurban Bayramı 2026: arife 26 May (half day), 27–30 May off; Sunday 31 May off too
        assertThat(turkey.plusBusinessHours(istanbul("2026-05-26T12:00"), Duration.ofHours(24)))
                .isEqualTo(istanbul("2026-06-03T14:00"));
    }

    @Test
    void ramazanBayramiDatesComeFromTheDataFile() {
        for (String day : new String[] {"2025-03-30", "2025-03-31", "2025-04-01", "2026-03-20", "2026-03-21", "2026-03-22",
                "2027-03-09", "2027-03-11"}) {
            assertThat(turkey.isHoliday(LocalDate.parse(day))).as(day).isTrue();
        }
        assertThat(turkey.isHoliday(LocalDate.parse("2026-03-19"))).as("arife is a half day, not a whole one").isFalse();
    }

    @Test
    void zeroHoursIsTheSameInstantInsideBusinessHours() {
        Instant at = ZonedDateTime.parse("2026-12-01T10:00:00+03:00[Europe/Istanbul]").toInstant();
        assertThat(turkey.plusBusinessHours(at, Duration.ZERO)).isEqualTo(at);
    }

    @Test
    void workingDaysAfterADaySkipSundaysAndWholeHolidaysButNotAnArife() {
        // Tuesday 27 October 2026: the 28th is Republic Day's eve (worked until 13:00), the 29th is off, 1 November a Sunday
        assertThat(turkey.workingDaysAfter(LocalDate.of(2026, 10, 27), 5)).containsExactly(LocalDate.of(2026, 10, 28),
                LocalDate.of(2026, 10, 30), LocalDate.of(2026, 10, 31), LocalDate.of(2026, 11, 2), LocalDate.of(2026, 11, 3));
        assertThat(turkey.isWorkingDay(LocalDate.of(2026, 10, 29))).isFalse();
        assertThat(turkey.isWorkingDay(LocalDate.of(2026, 11, 1))).isFalse();
        assertThat(turkey.isWorkingDay(LocalDate.of(2026, 10, 31))).as("Saturday").isTrue();
        assertThat(turkey.workingDaysAfter(LocalDate.of(2026, 10, 27), 0)).isEmpty();
    }

    @Test
    void workingDaysBetweenCountTheDaysAfterTheFirstUpToTheLastAcrossBayramAndTheYearEnd() {
        // Monday 25 May 2026 to Tuesday 2 June: the arife (26th) is worked, 27–30 May Kurban Bayramı, 31st a Sunday
        assertThat(turkey.workingDaysBetween(LocalDate.of(2026, 5, 25), LocalDate.of(2026, 6, 2))).isEqualTo(3);
        assertThat(turkey.workingDaysBetween(LocalDate.of(2026, 6, 2), LocalDate.of(2026, 5, 25))).isEqualTo(-3);
        assertThat(turkey.isHalfDay(LocalDate.of(2026, 5, 26))).isTrue();
        assertThat(turkey.closingTime(LocalDate.of(2026, 5, 26))).isEqualTo(java.time.LocalTime.of(13, 0));
        // Thursday 31 December 2026 to Monday 4 January 2027: New Year's Day off, Saturday 2nd worked
        assertThat(turkey.workingDaysBetween(LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 4))).isEqualTo(2);
        assertThat(turkey.plusWorkingDays(LocalDate.of(2026, 12, 31), 1)).isEqualTo(LocalDate.of(2027, 1, 2));
        assertThat(turkey.plusWorkingDays(LocalDate.of(2026, 12, 31), 0)).isEqualTo(LocalDate.of(2026, 12, 31));
        assertThat(turkey.workingDayOnOrAfter(LocalDate.of(2027, 1, 1))).isEqualTo(LocalDate.of(2027, 1, 2));
    }

    @Test
    void aCalendarWithoutSaturdayKeepsTheHolidays() {
        BusinessCalendar weekdays = turkey.withWorkingDays(java.util.EnumSet.range(java.time.DayOfWeek.MONDAY, java.time.DayOfWeek.FRIDAY));
        assertThat(weekdays.isWorkingDay(LocalDate.of(2026, 12, 5))).as("Saturday").isFalse();
        assertThat(weekdays.isWorkingDay(LocalDate.of(2026, 10, 29))).isFalse();
        assertThat(weekdays.plusWorkingDays(LocalDate.of(2026, 12, 31), 1)).isEqualTo(LocalDate.of(2027, 1, 4));
        assertThat(BusinessCalendar.everyDay(BusinessCalendar.ISTANBUL).workingDaysBetween(LocalDate.of(2026, 12, 31), LocalDate.of(2027, 1, 4)))
                .isEqualTo(4);
    }
}
