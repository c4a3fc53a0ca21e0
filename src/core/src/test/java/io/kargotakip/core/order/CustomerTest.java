package io.kargotakip.core.order;

import io.kargotakip.core.channel.ContactKind;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerTest {

    @Test
    void emailAndPhoneAreContactsOfTheirKind() {
        Customer c = new Customer("Ayşe", "ayse@example.com", "+905321234567", "tr");

        assertThat(c.contacts()).containsOnly(Map.entry(ContactKind.EMAIL, "ayse@example.com"), Map.entry(ContactKind.PHONE, "+905321234567"));
        assertThat(c.contact(ContactKind.EMAIL)).isEqualTo(c.email()).isEqualTo("ayse@example.com");
        assertThat(c.contact(ContactKind.DEVICE_TOKEN)).isNull();
    }

    @Test
    void whatsAppReachesThePhoneUnlessAnotherIdIsGiven() {
        Customer phoneOnly = new Customer("Ayşe", null, "+905321234567", "tr");
        assertThat(phoneOnly.contact(ContactKind.WHATSAPP)).isEqualTo("+905321234567");
        assertThat(phoneOnly.withContact(ContactKind.WHATSAPP, "+905559876543").contact(ContactKind.WHATSAPP)).isEqualTo("+905559876543");
        assertThat(new Customer("Ayşe", "ayse@example.com", null, "tr").contact(ContactKind.WHATSAPP)).isNull();
    }

    @Test
    void nullContactsAreNoContacts() {
        Map<ContactKind, String> contacts = new HashMap<>();
        contacts.put(ContactKind.EMAIL, null);
        contacts.put(ContactKind.DEVICE_TOKEN, "tok-1");
        Customer c = new Customer("Ayşe", contacts, "tr");
        assertThat(c.contacts()).containsOnlyKeys(ContactKind.DEVICE_TOKEN);
        assertThat(new Customer(null, null, null, null).contacts()).isEmpty();
    }

    @Test
    void aCustomerInALogShowsNoContactData() {
        assertThat(new Customer("Ayşe", "ayse@example.com", "+905321234567", "tr").toString())
                .doesNotContain("ayse@", "+90", "Ayşe").contains("EMAIL", "PHONE");
    }
}
