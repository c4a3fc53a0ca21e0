package io.kargotakip.aws.page;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/** The page's two languages: the same words in each, and the language chosen as the customer expects. */
class PageWordsTest {

    @Test
    void both_locales_have_every_word_and_every_status() {
        PageWords.Words tr = PageWords.builtIn().of("tr");
        PageWords.Words en = PageWords.builtIn().of("en");
        assertThat(tr.all().keySet()).isEqualTo(en.all().keySet());
        for (io.kargotakip.core.shipment.TrackingStatus s : io.kargotakip.core.shipment.TrackingStatus.values()) {
            if (s != io.kargotakip.core.shipment.TrackingStatus.UNKNOWN) {
                assertThat(tr.all()).containsKeys("status." + s.wireName(), "status." + s.wireName() + ".detail");
            }
        }
        for (io.kargotakip.core.shipment.Reason r : io.kargotakip.core.shipment.Reason.values()) {
            assertThat(en.all()).containsKey("reason." + r.wireName());
        }
    }

    @Test
    void the_switch_beats_the_customer_who_beats_the_browser_who_beats_the_brand() {
        assertThat(PageWords.choose("en", "tr", "tr", "tr")).isEqualTo("en");
        assertThat(PageWords.choose("de", "tr", "en", "en")).as("an unknown switch is ignored").isEqualTo("tr");
        assertThat(PageWords.choose(null, null, "de-DE,de;q=0.9,en;q=0.5", "tr")).isEqualTo("en");
        assertThat(PageWords.choose(null, null, "en;q=0, tr", "en")).as("q=0 is a refusal").isEqualTo("tr");
        assertThat(PageWords.choose(null, null, "fr", "en")).isEqualTo("en");
        assertThat(PageWords.choose(null, null, "not a header;;;q=x", "tr")).isEqualTo("tr");
    }

    @Test
    void dates_read_as_people_say_them() {
        assertThat(PageWords.day(LocalDate.parse("2026-12-03"), "tr")).isEqualTo("3 Aralık Perşembe");
        assertThat(PageWords.day(LocalDate.parse("2026-12-03"), "en")).isEqualTo("Thursday 3 December");
    }
}
