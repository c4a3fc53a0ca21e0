package io.kargotakip.carriers.kit;

import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class LocationZonesTest {

    @Test
    void aCountryWithOneZone() {
        assertThat(LocationZones.of("TR", null)).contains(ZoneId.of("Europe/Istanbul"));
        assertThat(LocationZones.of("de", "NW")).contains(ZoneId.of("Europe/Berlin"));
        assertThat(LocationZones.of(" TR ", "41")).contains(ZoneId.of("Europe/Istanbul"));
    }

    @Test
    void aStateOfAMultiZoneCountry() {
        assertThat(LocationZones.of("US", "NJ")).contains(ZoneId.of("America/New_York"));
        assertThat(LocationZones.of("US", "ca")).contains(ZoneId.of("America/Los_Angeles"));
        assertThat(LocationZones.of("US", "AZ")).contains(ZoneId.of("America/Phoenix"));
        assertThat(LocationZones.of("US", "HI")).contains(ZoneId.of("Pacific/Honolulu"));
        assertThat(LocationZones.of("CA", "BC")).contains(ZoneId.of("America/Vancouver"));
        assertThat(LocationZones.of("MX", "BCN")).contains(ZoneId.of("America/Tijuana"));
        assertThat(LocationZones.of("BR", "AM")).contains(ZoneId.of("America/Manaus"));
        assertThat(LocationZones.of("AU", "WA")).contains(ZoneId.of("Australia/Perth"));
        assertThat(LocationZones.of("RU", "NVS")).contains(ZoneId.of("Asia/Novosibirsk"));
    }

    @Test
    void aMultiZoneCountryWithoutAKnownStateTakesItsMostPopulousZone() {
        assertThat(LocationZones.of("US", null)).contains(ZoneId.of("America/New_York"));
        assertThat(LocationZones.of("US", "ZZ")).contains(ZoneId.of("America/New_York"));
        assertThat(LocationZones.of("CA", "")).contains(ZoneId.of("America/Toronto"));
        assertThat(LocationZones.of("AU", null)).contains(ZoneId.of("Australia/Sydney"));
        assertThat(LocationZones.of("RU", null)).contains(ZoneId.of("Europe/Moscow"));
        assertThat(LocationZones.of("BR", null)).contains(ZoneId.of("America/Sao_Paulo"));
    }

    @Test
    void nothingForAnUnknownOrMissingCountry() {
        assertThat(LocationZones.of(null, "NJ")).isEmpty();
        assertThat(LocationZones.of("", null)).isEmpty();
        assertThat(LocationZones.of("XX", null)).isEmpty();
        assertThat(LocationZones.of("USA", "NJ")).isEmpty();
    }

    @Test
    void everyCountryTheJdkKnowsHasAZone() {
        // carriers send ISO 3166-1 codes; Antarctica has no single zone and is left out on purpose
        for (String country : Locale.getISOCountries()) {
            if (!country.equals("AQ") && !country.equals("BV") && !country.equals("HM")) {
                assertThat(LocationZones.of(country, null)).as(country).isPresent();
            }
        }
    }
}
