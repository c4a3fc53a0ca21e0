package io.kargotakip.core.order;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CustomerIdTest {

    @Test
    void the_email_decides_whatever_its_case_and_the_phone_only_without_one() {
        String id = CustomerId.of(new Customer("Ayşe", "Ayse@Example.com ", "+905321234567", "tr")).orElseThrow();
        assertThat(id).isEqualTo(CustomerId.ofEmail("ayse@example.com")).matches("c-[0-9a-f]{16}");
        assertThat(CustomerId.isWellFormed(id)).isTrue();
        assertThat(CustomerId.of(new Customer("Ayşe", null, "+905321234567", "tr"))).contains(CustomerId.ofPhone("+90 532 123 45 67"));
        assertThat(CustomerId.ofPhone("905321234567")).as("WhatsApp's form of the number").isEqualTo(CustomerId.ofPhone("+905321234567"));
        assertThat(CustomerId.of(new Customer("Ayşe", null, null, "tr"))).isEmpty();
        assertThat(CustomerId.isWellFormed("c-XYZ")).isFalse();
    }
}
