package io.kargotakip.local;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.store.ConsentLedger;
import io.kargotakip.aws.store.CustomerErasure;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.OrderRepository;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.core.order.Consent;
import io.kargotakip.core.order.Customer;
import io.kargotakip.core.order.CustomerId;
import io.kargotakip.core.order.Order;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code kargo erase} against the running local stack's dynalite (as {@code .kargo/local.json} describes it). */
class EraseCommandTest {

    @TempDir
    Path root;

    @Test
    void erases_the_customer_of_the_local_stack_and_says_what_it_did() throws Exception {
        Emulators emulators = Emulators.shared();
        String prefix = "r" + UUID.randomUUID().toString().substring(0, 8) + "-";
        TableNames tables = TableNames.withPrefix(prefix);
        DynamoDbClient dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
        KargoTables.createAll(dynamo, tables);
        Files.createDirectories(root.resolve(".kargo"));
        Files.writeString(root.resolve(DeadLetters.STATE_FILE), io.kargotakip.aws.Json.write(Map.of("pid", ProcessHandle.current().pid(),
                "dynamodb", emulators.dynamoDb().toString(), "failuresTable", tables.failures(), "notificationsTable", tables.notifications(),
                "ordersTable", tables.orders())));
        Customer customer = new Customer("Elif", "elif@example.com", "+905329998877", "tr");
        new OrderRepository(dynamo, tables.orders()).save(new Order("R-1", "1", "web", customer, Consent.none(), List.of(), Instant.now()));
        String id = CustomerId.of(customer).orElseThrow();
        new ConsentLedger(dynamo, tables.orders()).append(id, new ConsentLedger.Entry("email", true, Instant.now(), ConsentLedger.PREFERENCE_API, "E-posta"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int code = Main.erase(List.of("--customer", id), new PrintStream(out, true, StandardCharsets.UTF_8), name -> null, root);

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("erased customer " + id
                + ": 1 orders, 0 notifications, 0 opt-out/suppression/window items, consent texts; tombstone erased#" + id + "\n");
        assertThat(new OrderRepository(dynamo, tables.orders()).find("R-1").orElseThrow().customer().contacts()).isEmpty();
        Map<String, AttributeValue> tombstone = dynamo.getItem(b -> b.tableName(tables.orders())
                .key(Map.of("orderId", AttributeValue.fromS(CustomerErasure.tombstoneKey(id))))).item();
        assertThat(tombstone).containsKey("erasedAt");

        ByteArrayOutputStream none = new ByteArrayOutputStream();
        assertThat(Main.erase(List.of("--customer", CustomerId.ofEmail("nobody@example.com")), new PrintStream(none, true, StandardCharsets.UTF_8),
                name -> null, root)).isEqualTo(1);
        assertThat(none.toString(StandardCharsets.UTF_8)).startsWith("nothing stored for customer");
    }

    @Test
    void bad_input_is_one_line_usage_error() {
        assertThatThrownBy(() -> Main.erase(List.of(), System.out, name -> null, root)).isInstanceOf(Main.UsageError.class)
                .hasMessageStartingWith("usage: kargo erase --customer ID");
        assertThatThrownBy(() -> Main.erase(List.of("--customer", "ayse@example.com"), System.out, name -> null, root))
                .isInstanceOf(Main.UsageError.class).hasMessageContaining("c- and 16 lowercase hex digits");
        assertThatThrownBy(() -> Main.erase(List.of("--customer", "c-0123456789abcdef"), System.out, name -> null, root))
                .isInstanceOf(Main.UsageError.class).hasMessageStartingWith("no local stack is running");
        assertThatThrownBy(() -> Main.erase(List.of("--customer", "c-0123456789abcdef", "--stack", "kargo"), System.out, name -> null, root))
                .isInstanceOf(Main.UsageError.class).hasMessageContaining("KARGO_TABLE_ORDERS");
    }
}
