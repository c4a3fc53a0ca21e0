package io.kargotakip.aws.store;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.emulators.Emulators;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The customers' answers in the events table, on dynalite through the real SDK. */
class AnswerLogTest {

    static final Instant NOW = Instant.parse("2026-12-02T05:10:00Z");
    static DynamoDbClient dynamo;
    static String table;
    static AnswerLog answers;

    @BeforeAll
    static void tables() {
        dynamo = AwsClients.dynamoDb(Emulators.shared().dynamoDb());
        TableNames tables = TableNames.withPrefix("a" + UUID.randomUUID().toString().substring(0, 8) + "-");
        KargoTables.createAll(dynamo, tables);
        table = tables.events();
        answers = new AnswerLog(dynamo, table, Duration.ofDays(30));
    }

    private static AnswerLog.Answer answer(String occurrence, String answer, String channel, Instant at) {
        return new AnswerLog.Answer(occurrence, "cod_confirmation", answer, at, channel, "n-" + channel, "cod_delivery_day", "WEB-5001",
                "ups:1Z999AA10123456784");
    }

    @Test
    void the_first_answer_of_an_occurrence_stands_over_every_channel() {
        String occurrence = "ups:1Z" + UUID.randomUUID() + "/cod_delivery_morning/out_for_delivery";
        AnswerLog.Answer first = answer(occurrence, "confirmed", "email", NOW);

        assertThat(answers.record(first, NOW)).isEqualTo(new AnswerLog.Recorded.First(first));
        assertThat(answers.record(answer(occurrence, "confirmed", "sms", NOW.plusSeconds(60)), NOW.plusSeconds(60)))
                .as("the same answer again: the first one").isEqualTo(new AnswerLog.Recorded.Again(first));
        assertThat(answers.record(answer(occurrence, "declined", "sms", NOW.plusSeconds(90)), NOW.plusSeconds(90)))
                .isEqualTo(new AnswerLog.Recorded.Stands(first));
        assertThat(answers.find(first.key())).contains(first);

        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of("eventKey", AttributeValue.fromS(first.key())))).item();
        assertThat(item.get("eventKey").s()).isEqualTo("answer|" + occurrence + "|cod_confirmation");
        assertThat(item).as("out of the shipment-history index").doesNotContainKey("shipmentId");
        assertThat(item.get("expiresAt").n()).isEqualTo(String.valueOf(NOW.plus(Duration.ofDays(30)).getEpochSecond()));
    }

    @Test
    void an_expired_answer_no_longer_stands_nor_is_listed() {
        String occurrence = "ups:1Z" + UUID.randomUUID() + "/cod_delivery_morning/out_for_delivery";
        AnswerLog.Answer old = answer(occurrence, "declined", "email", NOW);
        answers.record(old, NOW);
        Instant later = NOW.plus(Duration.ofDays(31));

        assertThat(answers.findAll(List.of(old.key()), later)).isEmpty();
        AnswerLog.Answer again = answer(occurrence, "confirmed", "email", later);
        assertThat(answers.record(again, later)).isEqualTo(new AnswerLog.Recorded.First(again));
    }

    @Test
    void many_occurrences_are_read_in_batches_and_missing_ones_are_left_out() {
        List<AnswerLog.Answer> recorded = IntStream.range(0, 130).mapToObj(i -> answer("occ-" + UUID.randomUUID(), i % 2 == 0 ? "confirmed" : "declined",
                "email", NOW.plusSeconds(i))).toList();
        recorded.forEach(a -> answers.record(a, NOW));
        List<String> keys = new java.util.ArrayList<>(recorded.stream().map(AnswerLog.Answer::key).toList());
        keys.addAll(AnswerLog.keysOf("occ-never-answered"));

        assertThat(answers.findAll(keys, NOW)).containsExactlyInAnyOrderElementsOf(recorded);
    }
}
