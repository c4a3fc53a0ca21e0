package io.kargotakip.core.order;

/**
 * The person who receives notifications. Contact data is personal data (KVKK): it is stored with
 * the order, never logged, never put into a URL.
 */
public record Customer(String firstName, String email, String phone, String locale) {
}
