package io.kargotakip.core.address;

/**
 * An address as the customer filled in the tracking page's form, each field as typed (null or blank when left
 * empty). {@link AddressCheck} tells whether it is an address and, when it is, its names as the data has them.
 *
 * @param line     street, avenue, door number ("Moda Cad. No: 12")
 * @param building building, floor, flat (optional)
 */
public record AddressForm(String province, String district, String neighbourhood, String postalCode, String line, String building) {
}
