package io.kargotakip.core.address;

/**
 * A checked Turkish address: province, district and neighbourhood as the data names them ("Kadıköy", not the
 * "kadikoy" typed), the postal code one of the district's, the street line stripped, the building null when not given.
 */
public record Address(String province, String district, String neighbourhood, String postalCode, String line, String building) {

    /**
     * The address in one line, as a Turkish label writes it: "Moda Cad. No: 12, Kat 3 Daire 5, Caferağa Mah, 34710
     * Kadıköy/İstanbul" (for operations, who pass it to the carrier; never for a log).
     */
    public String oneLine() {
        return line + (building == null ? "" : ", " + building) + ", " + neighbourhood + ", " + postalCode + " " + district + "/" + province;
    }
}
