package io.kargotakip.local;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.store.DiscountCodes;
import io.kargotakip.aws.store.KargoTables;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

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

/** {@code kargo discounts import|status} against the running local stack's dynalite (as {@code .kargo/local.json} describes it). */
class DiscountsCommandTest {

    @TempDir
    Path root;
    TableNames tables;
    DynamoDbClient dynamo;

    @BeforeEach
    void localStack() throws Exception {
        Emulators emulators = Emulators.shared();
        tables = TableNames.withPrefix("c" + UUID.randomUUID().toString().substring(0, 8) + "-");
        dynamo = AwsClients.dynamoDb(emulators.dynamoDb());
        KargoTables.createAll(dynamo, tables);
        Files.createDirectories(root.resolve(".kargo"));
        Files.writeString(root.resolve(DeadLetters.STATE_FILE), io.kargotakip.aws.Json.write(Map.of("pid", ProcessHandle.current().pid(),
                "dynamodb", emulators.dynamoDb().toString(), "failuresTable", tables.failures(), "notificationsTable", tables.notifications(),
                "ordersTable", tables.orders(), "discountCodesTable", tables.discountCodes())));
    }

    String run(String... args) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = DiscountsCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8), name -> null, root);
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    Path file(String name, String text) throws Exception {
        return Files.writeString(root.resolve(name), text);
    }

    @Test
    void imports_one_code_per_line_and_a_csv_with_a_code_column_and_shows_what_remains() throws Exception {
        assertThat(run("status")).isEqualTo("no discount codes imported (kargo discounts import --percent N FILE)\n");

        Path lines = file("codes.txt", "GECIKME10-A1\n\nGECIKME10-A2\r\nGECIKME10-A3\n");
        assertThat(run("import", "--percent", "10", lines.toString())).isEqualTo("imported 3 codes of 10 %; 3 remaining\n");

        Path csv = file("codes.csv", "\uFEFFcampaign;code;valid_until\nkis;GECIKME10-A3;2027-01-31\nkis;GECIKME10-B1;2027-01-31\n");
        assertThat(run("import", "--percent", "10", csv.toString()))
                .isEqualTo("imported 1 codes of 10 %, skipped 1 already in the pool; 4 remaining\n");
        assertThat(run("import", "--percent", "5", file("five.csv", "code\nELEKTRONIK5-1\n").toString()))
                .isEqualTo("imported 1 codes of 5 %; 1 remaining\n");

        new DiscountCodes(dynamo, tables.discountCodes()).draw(10, "SHP-1#delay_apology#delay-1", Instant.now()).orElseThrow();
        assertThat(run("status")).isEqualTo("5 %: 1 remaining\n10 %: 3 remaining\n");
    }

    @Test
    void a_file_with_bad_lines_imports_nothing_and_names_every_bad_line() throws Exception {
        Path bad = file("bad.txt", "GOOD-1\nnot a code\nGOOD-2\nÇOK-İYİ\n");
        assertThatThrownBy(() -> run("import", "--percent", "10", bad.toString())).isInstanceOf(Main.UsageError.class)
                .hasMessage(bad + ": nothing imported; line 2: 'not a code' is not a code: letters, digits, _ . - only, a letter or digit first;"
                        + " line 4: 'ÇOK-İYİ' is not a code: letters, digits, _ . - only, a letter or digit first");
        Path csv = file("bad.csv", "code,note\nOK-1,x\n,empty\n");
        assertThatThrownBy(() -> run("import", "--percent", "10", csv.toString())).isInstanceOf(Main.UsageError.class)
                .hasMessage(csv + ": nothing imported; line 3: a code is empty");
        assertThat(run("status")).startsWith("no discount codes imported");
    }

    @Test
    void bad_input_is_one_line_usage_error() throws Exception {
        Path ok = file("ok.txt", "OK-1\n");
        assertThatThrownBy(() -> run()).isInstanceOf(Main.UsageError.class).hasMessageStartingWith("usage: kargo discounts import");
        assertThatThrownBy(() -> run("import", ok.toString())).isInstanceOf(Main.UsageError.class)
                .hasMessageStartingWith("usage: kargo discounts import --percent N FILE");
        assertThatThrownBy(() -> run("import", "--percent", "ten", ok.toString())).isInstanceOf(Main.UsageError.class)
                .hasMessage("--percent must be a whole number, 1 to 100, not 'ten'");
        assertThatThrownBy(() -> run("import", "--percent", "150", ok.toString())).isInstanceOf(Main.UsageError.class)
                .hasMessage("--percent: a discount percent is 1 to 100, not 150");
        assertThatThrownBy(() -> run("import", "--percent", "10", root.resolve("missing.txt").toString())).isInstanceOf(Main.UsageError.class)
                .hasMessageEndingWith("missing.txt: no such file");
        assertThatThrownBy(() -> run("import", "--percent", "10", file("empty.txt", "\n\n").toString())).isInstanceOf(Main.UsageError.class)
                .hasMessageEndingWith("nothing imported; no codes in the file");
        assertThatThrownBy(() -> run("status", "--stack", "kargo")).isInstanceOf(Main.UsageError.class)
                .hasMessageContaining("KARGO_TABLE_DISCOUNT_CODES");
        assertThatThrownBy(() -> run("refill")).isInstanceOf(Main.UsageError.class).hasMessageStartingWith("unknown discounts command 'refill'");
        Files.delete(root.resolve(DeadLetters.STATE_FILE));
        assertThatThrownBy(() -> run("status")).isInstanceOf(Main.UsageError.class).hasMessageStartingWith("no local stack is running");
    }
}
