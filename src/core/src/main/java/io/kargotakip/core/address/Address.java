package io.kargotakip.core.address;

/**
 * A checked Turkish address: province, district and neighbourhood as the data names them ("Kadıköy", not the
 * "kadikoy" typed), the postal code one of the district's, the street line stripped, the building null when not given.
 */
public record Address(String province, String district, String neighbourhood, String postalCode, String line, String building) {
}
