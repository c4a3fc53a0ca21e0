package io.kargotakip.aws.store;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The consent ledger against dynalite, through the real SDK. */
class ConsentLedgerTest {

    static DynamoDbClient dynamo;
    static TableNames tables;

    @BeforeAll
    static void tables() {
        dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        tables = TableNames.withPrefix("l" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, tables);
    }

    static String customer() {
        return "c-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    @Test
    void every_choice_is_kept_in_order_and_the_latest_per_channel_is_the_preference() {
        ConsentLedger ledger = new ConsentLedger(dynamo, tables.orders());
        String id = customer();
        Instant t0 = Instant.parse("2026-12-01T08:00:00Z");
        ledger.append(id, new ConsentLedger.Entry("sms", true, t0, ConsentLedger.ORDER_IMPORT, null));
        ledger.append(id, new ConsentLedger.Entry("email", true, t0, ConsentLedger.ORDER_IMPORT, null));
        ledger.append(id, new ConsentLedger.Entry("sms", false, t0.plusSeconds(60), ConsentLedger.PREFERENCE_API, "SMS bildirimlerini kapat"));

        assertThat(ledger.history(id)).extracting(ConsentLedger.Entry::channel, ConsentLedger.Entry::granted, ConsentLedger.Entry::source)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sms", true, "order-import"),
                        org.assertj.core.groups.Tuple.tuple("email", true, "order-import"),
                        org.assertj.core.groups.Tuple.tuple("sms", false, "preference-api"));
        assertThat(ledger.granted(id, "sms")).contains(false);
        assertThat(ledger.granted(id, "email")).contains(true);
        assertThat(ledger.granted(id, "whatsapp")).as("nothing recorded").isEmpty();
        assertThat(ledger.current(id).get("sms").text()).isEqualTo("SMS bildirimlerini kapat");
        assertThat(ledger.history(customer())).isEmpty();
    }

    @Test
    void an_order_import_does_not_lift_the_customer_s_own_opt_out_but_the_customer_can() {
        ConsentLedger ledger = new ConsentLedger(dynamo, tables.orders());
        String id = customer();
        Instant t0 = Instant.parse("2026-12-01T08:00:00Z");
        ledger.append(id, new ConsentLedger.Entry("sms", false, t0, ConsentLedger.OPT_OUT_LINK, null));
        ledger.appendChanges(id, List.of(new ConsentLedger.Entry("sms", true, t0.plusSeconds(60), ConsentLedger.ORDER_IMPORT, null)));
        assertThat(ledger.granted(id, "sms")).as("the next order's ticked box").contains(false);
        ledger.appendChanges(id, List.of(new ConsentLedger.Entry("sms", true, t0.plusSeconds(90), ConsentLedger.ORDER_IMPORT, null)));
        assertThat(ledger.history(id)).as("recorded once as evidence, a repeat that changes nothing is not appended").hasSize(2);

        ledger.append(id, new ConsentLedger.Entry("sms", true, t0.plusSeconds(120), ConsentLedger.PREFERENCE_API, "SMS ile haber ver"));
        assertThat(ledger.granted(id, "sms")).contains(true);
    }

    @Test
    void erasure_keeps_the_choices_and_drops_the_texts() {
        ConsentLedger ledger = new ConsentLedger(dynamo, tables.orders());
        String id = customer();
        Instant t0 = Instant.parse("2026-12-01T08:00:00Z");
        ledger.append(id, new ConsentLedger.Entry("email", true, t0, ConsentLedger.PREFERENCE_API, "Ayşe, e-posta ile haber verelim mi?"));
        ledger.append(id, new ConsentLedger.Entry("email", false, t0.plusSeconds(5), ConsentLedger.PREFERENCE_API, "Kapat"));

        ledger.eraseTexts(id);

        assertThat(ledger.history(id)).extracting(ConsentLedger.Entry::text).containsExactly(null, null);
        assertThat(ledger.granted(id, "email")).contains(false);
    }
}
