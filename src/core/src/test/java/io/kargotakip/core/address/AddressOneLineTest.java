package io.kargotakip.core.address;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressOneLineTest {

    @Test
    void anAddressIsWrittenInOneLineAsALabelHasIt() {
        assertThat(new Address("İstanbul", "Kadıköy", "Caferağa Mah", "34710", "Moda Cad. No: 12", "Kat 3 Daire 5").oneLine())
                .isEqualTo("Moda Cad. No: 12, Kat 3 Daire 5, Caferağa Mah, 34710 Kadıköy/İstanbul");
        assertThat(new Address("İstanbul", "Kadıköy", "Caferağa Mah", "34710", "Moda Cad. No: 12", null).oneLine())
                .isEqualTo("Moda Cad. No: 12, Caferağa Mah, 34710 Kadıköy/İstanbul");
    }
}
