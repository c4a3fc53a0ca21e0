package io.kargotakip.core.order;

import io.kargotakip.core.channel.ContactKind;

import java.util.EnumMap;
import java.util.Map;

/**
 * The person who receives notifications, with a contact per {@link ContactKind} (e-mail address, E.164 phone,
 * WhatsApp id, device token, web-push subscription). Contact data is personal data (KVKK): it is stored with
 * the order, never logged, never put into a URL.
 */
public record Customer(String firstName, Map<ContactKind, String> contacts, String locale) {

    public Customer {
        EnumMap<ContactKind, String> copy = new EnumMap<>(ContactKind.class);
        if (contacts != null) {
            // kept as given (the validator reports a wrong one); a null value is no contact
            contacts.forEach((kind, value) -> {
                if (kind != null && value != null) {
                    copy.put(kind, value);
                }
            });
        }
        contacts = java.util.Collections.unmodifiableMap(copy);
    }

    /** The usual customer of an order import: e-mail and phone (either may be null). */
    public Customer(String firstName, String email, String phone, String locale) {
        this(firstName, contactsOf(email, phone), locale);
    }

    private static Map<ContactKind, String> contactsOf(String email, String phone) {
        Map<ContactKind, String> contacts = new EnumMap<>(ContactKind.class);
        if (email != null) {
            contacts.put(ContactKind.EMAIL, email);
        }
        if (phone != null) {
            contacts.put(ContactKind.PHONE, phone);
        }
        return contacts;
    }

    /** The contact of that kind, or of its fallback kind (WhatsApp: the phone); null when there is none. */
    public String contact(ContactKind kind) {
        String value = contacts.get(kind);
        return value != null ? value : kind.fallback().map(contacts::get).orElse(null);
    }

    public String email() {
        return contacts.get(ContactKind.EMAIL);
    }

    public String phone() {
        return contacts.get(ContactKind.PHONE);
    }

    /** The same customer with one contact replaced (null removes it). */
    public Customer withContact(ContactKind kind, String value) {
        Map<ContactKind, String> changed = new EnumMap<>(ContactKind.class);
        changed.putAll(contacts);
        if (value == null) {
            changed.remove(kind);
        } else {
            changed.put(kind, value);
        }
        return new Customer(firstName, changed, locale);
    }

    @Override
    public String toString() {
        // contacts are personal data: a customer in a log or exception message shows only which kinds it has
        return "Customer[contacts=" + contacts.keySet() + ", locale=" + locale + "]";
    }
}
