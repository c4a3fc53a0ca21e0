package io.kargotakip.core.notification;

import io.kargotakip.core.shipment.TrackingStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The brief's quiet hours, 22:00–08:00 Istanbul by default, read in the customer's zone. */
class QuietHoursTest {

    static final ZoneId ISTANBUL = ZoneId.of("Europe/Istanbul");
    static final QuietHours DEFAULTS = QuietHours.defaults();

    static Instant istanbul(String local) {
        return LocalDateTime.parse(local).atZone(ISTANBUL).toInstant();
    }

    @Test
    void an_sms_at_eleven_at_night_waits_for_eight_the_next_morning() {
        assertThat(DEFAULTS.holdUntil("sms", TrackingStatus.IN_TRANSIT, istanbul("2026-12-01T23:00"), null))
                .contains(istanbul("2026-12-02T08:00"));
    }

    @Test
    void after_midnight_it_waits_for_eight_the_same_morning_and_at_eight_it_goes() {
        assertThat(DEFAULTS.holdUntil("sms", TrackingStatus.IN_TRANSIT, istanbul("2026-12-02T07:59"), null))
                .contains(istanbul("2026-12-02T08:00"));
        assertThat(DEFAULTS.holdUntil("sms", TrackingStatus.IN_TRANSIT, istanbul("2026-12-02T08:00"), null)).isEmpty();
        assertThat(DEFAULTS.holdUntil("sms", TrackingStatus.IN_TRANSIT, istanbul("2026-12-01T21:59"), null)).isEmpty();
        assertThat(DEFAULTS.holdUntil("sms", TrackingStatus.IN_TRANSIT, istanbul("2026-12-01T22:00"), null))
                .contains(istanbul("2026-12-02T08:00"));
    }

    @Test
    void e_mail_is_never_held() {
        assertThat(DEFAULTS.holdUntil("email", TrackingStatus.IN_TRANSIT, istanbul("2026-12-01T23:00"), null)).isEmpty();
    }

    @Test
    void a_critical_status_still_goes_by_whatsapp_at_night_but_never_by_sms() {
        Instant night = istanbul("2026-12-01T23:30");
        assertThat(DEFAULTS.holdUntil("whatsapp", TrackingStatus.FAILED_ATTEMPT, night, null)).isEmpty();
        assertThat(DEFAULTS.holdUntil("whatsapp", TrackingStatus.EXCEPTION, night, null)).isEmpty();
        assertThat(DEFAULTS.holdUntil("sms", TrackingStatus.FAILED_ATTEMPT, night, null)).contains(istanbul("2026-12-02T08:00"));
        assertThat(DEFAULTS.holdUntil("whatsapp", TrackingStatus.OUT_FOR_DELIVERY, night, null)).isPresent();
    }

    @Test
    void the_window_is_read_in_the_customers_zone() {
        // 23:00 in Istanbul is 21:00 in Berlin: not quiet there yet
        assertThat(DEFAULTS.holdUntil("sms", TrackingStatus.IN_TRANSIT, istanbul("2026-12-01T23:00"), ZoneId.of("Europe/Berlin"))).isEmpty();
    }

    @Test
    void operators_set_it_and_a_wrong_setting_names_itself() {
        QuietHours lunch = QuietHours.parse("13:00-14:00", "Europe/Istanbul", "sms,push", "", "");
        assertThat(lunch.holdUntil("sms", TrackingStatus.IN_TRANSIT, istanbul("2026-12-01T13:30"), null)).contains(istanbul("2026-12-01T14:00"));
        assertThat(lunch.holdUntil("whatsapp", TrackingStatus.IN_TRANSIT, istanbul("2026-12-01T13:30"), null)).isEmpty();
        assertThat(QuietHours.parse("off", null, null, null, null).holdUntil("sms", null, istanbul("2026-12-01T23:00"), null)).isEmpty();
        assertThat(QuietHours.parse(null, null, null, null, null)).isEqualTo(DEFAULTS);

        assertThatThrownBy(() -> QuietHours.parse("22-08", null, null, null, null)).hasMessage("quiet hours must be HH:MM-HH:MM or off, not 22-08");
        assertThatThrownBy(() -> QuietHours.parse(null, "Mars/Olympus", null, null, null)).hasMessage("quiet hours zone is not a zone id: Mars/Olympus");
        assertThatThrownBy(() -> QuietHours.parse(null, null, null, null, "delivred"))
                .hasMessage("quiet hours critical status is not a status: delivred");
    }
}
