package io.kargotakip.aws.store;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The discount-code pool against dynalite, through the real SDK. */
class DiscountCodesTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static DynamoDbClient dynamo;
    static TableNames tables;

    @BeforeAll
    static void tables() {
        dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        tables = TableNames.withPrefix("d" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, tables);
    }

    static String lastTable;

    /** A pool of its own (a table per test, as KargoTables defines it): the tests' counts do not mix. */
    static DiscountCodes pool() {
        return pool(DiscountCodes.COUNT_LIMIT);
    }

    static DiscountCodes pool(int countLimit) {
        String table = "codes-" + UUID.randomUUID();
        dynamo.createTable(KargoTables.definitions(tables).stream().filter(t -> t.tableName().equals(tables.discountCodes()))
                .findFirst().orElseThrow().toBuilder().tableName(table).build());
        // a new table answers only once it is active (dynalite too, if only a moment later)
        try (var waiter = software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter.builder().client(dynamo)
                .overrideConfiguration(o -> o.maxAttempts(200).backoffStrategy(
                        software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy.create(java.time.Duration.ofMillis(50))))
                .build()) {
            waiter.waitUntilTableExists(b -> b.tableName(table));
        }
        lastTable = table;
        return new DiscountCodes(dynamo, table, countLimit);
    }

    static List<String> codes(String prefix, int n) {
        return IntStream.rangeClosed(1, n).mapToObj(i -> prefix + "-" + i).toList();
    }

    @Test
    void draws_never_give_a_code_twice_and_the_pool_runs_dry() {
        DiscountCodes pool = pool();
        List<String> imported = codes("GECIKME10", 40);
        assertThat(pool.importCodes(10, imported)).isEqualTo(new DiscountCodes.ImportResult(40, 0));
        assertThat(pool.remaining(10)).isEqualTo(40);

        List<String> given = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            given.add(pool.draw(10, "SHP-" + i + "#delay_apology#delay-1", NOW).orElseThrow());
        }

        assertThat(new HashSet<>(given)).hasSize(40).containsExactlyInAnyOrderElementsOf(imported);
        assertThat(pool.draw(10, "SHP-41#delay_apology#delay-1", NOW)).as("dry").isEmpty();
        assertThat(pool.remaining(10)).isZero();
    }

    @Test
    void the_same_occurrence_gets_the_same_code_and_uses_up_only_one() {
        DiscountCodes pool = pool();
        pool.importCodes(10, codes("A", 5));
        String first = pool.draw(10, "SHP-1#delay_apology#delay-1", NOW).orElseThrow();

        assertThat(pool.draw(10, "SHP-1#delay_apology#delay-1", NOW.plusSeconds(60))).contains(first);
        assertThat(pool.remaining(10)).isEqualTo(4);
        assertThat(pool.draw(10, "SHP-1#delay_apology#delay-2", NOW)).as("a new delay episode is a new occurrence")
                .isPresent().get().isNotEqualTo(first);
        assertThat(pool.remaining(10)).isEqualTo(3);
    }

    @Test
    void an_occurrence_that_got_its_code_keeps_it_even_when_the_pool_is_dry() {
        DiscountCodes pool = pool();
        pool.importCodes(15, List.of("VIP15-ONLY"));
        assertThat(pool.draw(15, "SHP-2#delay_apology#delay-1", NOW)).contains("VIP15-ONLY");
        assertThat(pool.draw(15, "SHP-3#delay_apology#delay-1", NOW)).isEmpty();
        assertThat(pool.draw(15, "SHP-2#delay_apology#delay-1", NOW)).contains("VIP15-ONLY");
    }

    @Test
    void percents_are_separate_pools() {
        DiscountCodes pool = pool();
        pool.importCodes(10, List.of("TEN-1"));
        pool.importCodes(5, List.of("FIVE-1"));
        assertThat(pool.draw(5, "k", NOW)).contains("FIVE-1");
        assertThat(pool.draw(5, "k2", NOW)).isEmpty();
        assertThat(pool.draw(10, "k", NOW)).contains("TEN-1");
        assertThat(pool.percents()).containsExactly(5, 10);
        assertThat(pool.draw(20, "k", NOW)).as("no pool of 20 %").isEmpty();
    }

    @Test
    void draws_from_two_threads_never_share_a_code() throws Exception {
        DiscountCodes pool = pool();
        List<String> imported = codes("PAR", 60);
        pool.importCodes(10, imported);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Optional<String>>>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                results.add(threads.submit(() -> {
                    start.await();
                    List<Optional<String>> got = new ArrayList<>();
                    for (int i = 0; i < 35; i++) {
                        got.add(pool.draw(10, "SHP-t" + thread + "-" + i + "#delay_apology#delay-1", NOW));
                    }
                    return got;
                }));
            }
            start.countDown();
            List<String> given = new ArrayList<>();
            int dry = 0;
            for (Future<List<Optional<String>>> f : results) {
                for (Optional<String> code : f.get()) {
                    if (code.isPresent()) {
                        given.add(code.get());
                    } else {
                        dry++;
                    }
                }
            }
            assertThat(given).doesNotHaveDuplicates().hasSize(60);
            assertThat(imported).containsAll(given);
            assertThat(dry).isEqualTo(10);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void two_draws_of_one_occurrence_at_once_get_the_same_code_and_use_up_one() throws Exception {
        DiscountCodes pool = pool();
        pool.importCodes(10, codes("SAME", 30));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 10; round++) {
                String key = "SHP-r" + round + "#delay_apology#delay-1";
                CountDownLatch start = new CountDownLatch(1);
                Callable<String> draw = () -> {
                    start.await();
                    return pool.draw(10, key, NOW).orElseThrow();
                };
                Future<String> a = threads.submit(draw);
                Future<String> b = threads.submit(draw);
                start.countDown();
                assertThat(a.get()).as("round %d", round).isEqualTo(b.get());
                assertThat(pool.remaining(10)).as("round %d: one code used", round).isEqualTo(30 - round - 1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_draw_that_died_after_taking_its_code_is_finished_by_the_retry_with_that_code() {
        DiscountCodes pool = pool();
        pool.importCodes(10, List.of("HALF-1", "HALF-2"));
        String table = lastTable;
        // what a draw leaves when it stops between taking the code and settling its claim
        dynamo.updateItem(b -> b.tableName(table).key(Map.of(DiscountCodes.KEY, AttributeValue.fromS("claim#10#SHP-9#delay_apology#delay-1")))
                .updateExpression("SET candidate = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS("HALF-2"))));
        dynamo.updateItem(b -> b.tableName(table).key(Map.of(DiscountCodes.KEY, AttributeValue.fromS("code#HALF-2")))
                .updateExpression("REMOVE #pool SET claimedBy = :o, claimToken = :t").expressionAttributeNames(Map.of("#pool", DiscountCodes.POOL))
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("SHP-9#delay_apology#delay-1"), ":t", AttributeValue.fromS("dead"))));
        assertThat(pool.remaining(10)).isEqualTo(1);

        assertThat(pool.draw(10, "SHP-9#delay_apology#delay-1", NOW)).contains("HALF-2");
        assertThat(pool.remaining(10)).as("no second code").isEqualTo(1);
        assertThat(pool.draw(10, "SHP-10#delay_apology#delay-1", NOW)).contains("HALF-1");
    }

    @Test
    void an_import_skips_and_counts_codes_the_pool_has_and_never_gives_a_given_code_again() {
        DiscountCodes pool = pool();
        assertThat(pool.importCodes(10, List.of("X-1", "X-2", "X-3"))).isEqualTo(new DiscountCodes.ImportResult(3, 0));
        String given = pool.draw(10, "k-1", NOW).orElseThrow();

        assertThat(pool.importCodes(10, List.of("X-2", "X-3", "X-4", "X-4", "X-1"))).isEqualTo(new DiscountCodes.ImportResult(1, 4));
        assertThat(pool.importCodes(5, List.of(given))).as("in the pool under another percent").isEqualTo(new DiscountCodes.ImportResult(0, 1));
        assertThat(pool.remaining(10)).isEqualTo(3);
        Set<String> drawn = new HashSet<>();
        for (int i = 2; i <= 4; i++) {
            drawn.add(pool.draw(10, "k-" + i, NOW).orElseThrow());
        }
        assertThat(drawn).doesNotContain(given).hasSize(3);
        assertThat(pool.draw(5, "k-5", NOW)).isEmpty();
    }

    @Test
    void a_list_with_a_bad_code_or_a_bad_percent_imports_nothing() {
        DiscountCodes pool = pool();
        assertThatThrownBy(() -> pool.importCodes(10, List.of("GOOD-1", "bad code", "GOOD-2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("code 2: 'bad code' is not a code: letters, digits, _ . - only, a letter or digit first");
        assertThatThrownBy(() -> pool.importCodes(0, List.of("GOOD-1"))).hasMessage("a discount percent is 1 to 100, not 0");
        assertThat(pool.remaining(10)).isZero();
        assertThat(pool.percents()).isEmpty();
    }

    @Test
    void remaining_counts_page_by_page_up_to_its_limit() {
        DiscountCodes pool = pool(2500);
        pool.importCodes(10, codes("MANY", 1500));
        assertThat(pool.remaining(10)).as("two pages of the index").isEqualTo(1500);
        pool.importCodes(10, codes("MORE", 1600));
        assertThat(pool.remaining(10)).as("stops at the limit").isEqualTo(2500);
    }
}
