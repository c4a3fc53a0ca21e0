package io.kargotakip.core.address;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The map's province centres: one per province of the address book, inside Turkey, and found in carriers' place texts. */
class ProvinceCentresTest {

    private final ProvinceCentres centres = ProvinceCentres.builtIn();

    @Test
    void every_province_of_the_address_book_has_its_centre_with_its_plate() {
        TurkishAddressBook book = TurkishAddressBook.builtIn();
        assertThat(centres.all()).hasSize(81);
        for (String province : book.provinces()) {
            ProvinceCentres.Centre c = centres.ofProvince(province).orElseThrow(() -> new AssertionError("no centre for " + province));
            assertThat(c.plate()).as(province).isEqualTo(book.plate(province).orElseThrow());
            assertThat(c.latitude()).as(province).isBetween(35.8, 42.2);
            assertThat(c.longitude()).as(province).isBetween(25.9, 44.9);
        }
    }

    @Test
    void a_carriers_place_text_names_its_province() {
        assertThat(centres.locate("KADIKÖY / İSTANBUL")).map(ProvinceCentres.Centre::plate).contains("34");
        assertThat(centres.locate("Ankara Aktarma Merkezi")).map(ProvinceCentres.Centre::plate).contains("06");
        assertThat(centres.locate("BORNOVA/IZMIR, TR")).map(ProvinceCentres.Centre::plate).contains("35");
        assertThat(centres.locate("Afyon Karahisar Şube")).map(ProvinceCentres.Centre::plate).contains("03");
        assertThat(centres.locate("Köln Hub, DE")).isEmpty();
        assertThat(centres.locate(null)).isEmpty();
    }
}
