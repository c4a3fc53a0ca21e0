package io.kargotakip.aws.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import static io.kargotakip.aws.store.Attr.n;
import static io.kargotakip.aws.store.Attr.s;
import static io.kargotakip.aws.store.Attr.str;

/**
 * The merchant's single-use discount codes, per percent, in their own table: the delay apology draws one for its
 * occurrence. A code is given at most once, ever; the same occurrence gets the same code again (a retried rule
 * evaluation must not use up a second one). DynamoDB has no transactions in the emulators the tests run on, so the
 * draw is built from single-item conditional writes, each safe to repeat:
 * <ul>
 *   <li>{@code code#<code>}: one per code (so a code is in the pool once, whatever its percent), with {@code pool} (the
 *       percent) and a random {@code rank} while it is not given: the sparse index {@value KargoTables#UNCLAIMED_CODES_INDEX}
 *       lists exactly those, so a draw reads a few of them instead of scanning the pool;</li>
 *   <li>{@code claim#<percent>#<occurrence key>}: the occurrence's claim, first naming the {@code candidate} code it is
 *       taking, then the {@code code} it got (set once, never changed).</li>
 * </ul>
 * A draw proposes a candidate on its claim, takes the code (conditional: still in the pool, or already taken by this
 * occurrence, which is how a draw that died half-way is finished by its retry), then sets the claim's code
 * (conditional: the candidate is still this code and no code is set). Two draws of the same occurrence at once end
 * with the code one of them set; a code one of them took in vain goes back to the pool, guarded by the token it was
 * taken with, so a code someone else holds is never put back. Codes have no expiry: they live until given.
 */
public final class DiscountCodes {

    /** The table's partition key. */
    public static final String KEY = "poolKey";
    /** The percent of a code not given yet (absent once given): the index's partition key. */
    public static final String POOL = "pool";
    /** A random order among a percent's codes, so concurrent draws seldom reach for the same one. */
    public static final String RANK = "rank";
    /** Most codes {@link #remaining} counts. */
    public static final int COUNT_LIMIT = 100_000;
    /** Index entries one page of the count reads. */
    static final int COUNT_PAGE = 1000;
    static final String POOLS = "pools";
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
    private static final int CANDIDATES = 25;
    private static final int MAX_ATTEMPTS = 12;

    /** How an import went: codes added, and codes skipped because the pool has them already (never reset). */
    public record ImportResult(int imported, int skipped) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final int countLimit;

    public DiscountCodes(DynamoDbClient dynamo, String table) {
        this(dynamo, table, COUNT_LIMIT);
    }

    DiscountCodes(DynamoDbClient dynamo, String table, int countLimit) {
        this.dynamo = dynamo;
        this.table = table;
        this.countLimit = countLimit;
    }

    /** The most {@link #remaining} counts: a count that reaches it means "at least". */
    public int countLimit() {
        return countLimit;
    }

    /** Why {@code code} cannot be a discount code, or null when it can: 1-64 letters, digits, {@code _ . -}, a letter or digit first. */
    public static String problem(String code) {
        if (code == null || code.isEmpty()) {
            return "a code is empty";
        }
        if (code.length() > 64) {
            return "a code is longer than 64 characters";
        }
        return CODE.matcher(code).matches() ? null : "'" + code + "' is not a code: letters, digits, _ . - only, a letter or digit first";
    }

    /** Why {@code percent} cannot be a discount's percent, or null. */
    public static String percentProblem(int percent) {
        return percent >= 1 && percent <= 100 ? null : "a discount percent is 1 to 100, not " + percent;
    }

    /**
     * Adds codes to the pool of {@code percent}; a code the pool already has (under any percent) is skipped and
     * counted, never reset. Every code is checked before any is written.
     *
     * @throws IllegalArgumentException naming the first bad code (by its place in the list, from 1), or a bad percent
     */
    public ImportResult importCodes(int percent, List<String> codes) {
        String bad = percentProblem(percent);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        for (int i = 0; i < codes.size(); i++) {
            String p = problem(codes.get(i));
            if (p != null) {
                throw new IllegalArgumentException("code " + (i + 1) + ": " + p);
            }
        }
        // the percent is listed first: a run cut short still shows in the status, and a second run completes it
        dynamo.updateItem(b -> b.tableName(table).key(Map.of(KEY, s(POOLS)))
                .updateExpression("ADD #percents :p").expressionAttributeNames(Map.of("#percents", "percents"))
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromNs(List.of(Integer.toString(percent))))));
        int imported = 0;
        int skipped = 0;
        String now = Instant.now().toString();
        for (String code : codes) {
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(KEY, s(codeKey(code)));
            item.put("code", s(code));
            item.put("percent", n(percent));
            item.put(POOL, s(Integer.toString(percent)));
            item.put(RANK, s(UUID.randomUUID().toString()));
            item.put("importedAt", s(now));
            try {
                dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(" + KEY + ")"));
                imported++;
            } catch (ConditionalCheckFailedException already) {
                skipped++;
            }
        }
        return new ImportResult(imported, skipped);
    }

    /**
     * A code of {@code percent} for the occurrence: the one it got before, else one never given.
     *
     * @return empty when the pool of {@code percent} has no code left
     * @throws IllegalStateException when other draws kept taking every candidate (retry later)
     */
    public Optional<String> draw(int percent, String occurrenceKey, Instant now) {
        String bad = percentProblem(percent);
        if (bad != null) {
            throw new IllegalArgumentException(bad);
        }
        if (occurrenceKey == null || occurrenceKey.isBlank()) {
            throw new IllegalArgumentException("a draw needs the occurrence key");
        }
        Map<String, AttributeValue> claim = Map.of(KEY, s("claim#" + percent + "#" + occurrenceKey));
        Set<String> lost = new HashSet<>();
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(claim).consistentRead(true)).item();
            String given = item == null ? null : str(item, "code");
            if (given != null) {
                return Optional.of(given);
            }
            String candidate = item == null ? null : str(item, "candidate");
            if (candidate == null || lost.contains(candidate)) {
                List<String> free = unclaimed(percent, CANDIDATES);
                free.removeAll(lost);
                free.remove(candidate);
                if (free.isEmpty()) {
                    if (unclaimed(percent, 1).isEmpty()) {
                        return Optional.empty();
                    }
                    lost.clear(); // the index lagged behind the codes' writes: read it again
                    continue;
                }
                String next = free.get(ThreadLocalRandom.current().nextInt(free.size()));
                if (!propose(claim, candidate, next, now)) {
                    continue; // a draw of the same occurrence moved the claim on: read it again
                }
                candidate = next;
            }
            String token = UUID.randomUUID().toString();
            if (!take(candidate, percent, occurrenceKey, token, now)) {
                lost.add(candidate);
                continue;
            }
            if (settle(claim, candidate, now)) {
                return Optional.of(candidate);
            }
            // the claim moved on while this draw took the code: it is this occurrence's only if the claim says so
            Map<String, AttributeValue> after = dynamo.getItem(b -> b.tableName(table).key(claim).consistentRead(true)).item();
            String code = after == null ? null : str(after, "code");
            if (candidate.equals(code)) {
                return Optional.of(code);
            }
            if (code != null || !candidate.equals(str(after, "candidate"))) {
                release(candidate, percent, token);
            }
        }
        throw new IllegalStateException("no discount code of " + percent + " % could be claimed after " + MAX_ATTEMPTS
                + " attempts (other draws took every candidate); try again");
    }

    /** The codes of {@code percent} not given yet, counted up to {@link #countLimit()} (a page of the index at a time). */
    public int remaining(int percent) {
        int count = 0;
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamo.query(b -> b.tableName(table).indexName(KargoTables.UNCLAIMED_CODES_INDEX)
                    .keyConditionExpression("#pool = :p").expressionAttributeNames(Map.of("#pool", POOL))
                    .expressionAttributeValues(Map.of(":p", s(Integer.toString(percent)))).select(Select.COUNT)
                    .limit(COUNT_PAGE).exclusiveStartKey(from));
            count += page.count();
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && count < countLimit);
        return Math.min(count, countLimit);
    }

    /** The percents codes were imported for, in order. */
    public List<Integer> percents() {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).key(Map.of(KEY, s(POOLS))).consistentRead(true)).item();
        if (item == null || !item.containsKey("percents")) {
            return List.of();
        }
        TreeSet<Integer> percents = new TreeSet<>();
        item.get("percents").ns().forEach(p -> percents.add(Integer.parseInt(p)));
        return List.copyOf(percents);
    }

    private List<String> unclaimed(int percent, int limit) {
        List<String> codes = new ArrayList<>();
        for (Map<String, AttributeValue> i : dynamo.query(b -> b.tableName(table).indexName(KargoTables.UNCLAIMED_CODES_INDEX)
                .keyConditionExpression("#pool = :p").expressionAttributeNames(Map.of("#pool", POOL))
                .expressionAttributeValues(Map.of(":p", s(Integer.toString(percent)))).limit(limit)).items()) {
            codes.add(str(i, KEY).substring("code#".length()));
        }
        return codes;
    }

    /** Names {@code next} as the claim's candidate, if the claim still has no code and its candidate is still {@code expected}. */
    private boolean propose(Map<String, AttributeValue> claim, String expected, String next, Instant now) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":next", s(next), ":at", s(now.toString())));
        String condition = "attribute_not_exists(#code) AND attribute_not_exists(#candidate)";
        if (expected != null) {
            condition = "attribute_not_exists(#code) AND #candidate = :expected";
            values.put(":expected", s(expected));
        }
        String c = condition;
        try {
            dynamo.updateItem(b -> b.tableName(table).key(claim).updateExpression("SET #candidate = :next, proposedAt = :at")
                    .conditionExpression(c).expressionAttributeNames(Map.of("#code", "code", "#candidate", "candidate"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    /** Takes the code out of the pool for the occurrence: it is still in the pool, or this occurrence took it already. */
    private boolean take(String code, int percent, String occurrenceKey, String token, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of(KEY, s(codeKey(code))))
                    .updateExpression("REMOVE #pool SET claimedBy = :occ, claimToken = :token, claimedAt = :at")
                    .conditionExpression("#percent = :p AND (attribute_exists(#pool) OR claimedBy = :occ)")
                    .expressionAttributeNames(Map.of("#pool", POOL, "#percent", "percent"))
                    .expressionAttributeValues(Map.of(":occ", s(occurrenceKey), ":token", s(token), ":at", s(now.toString()), ":p", n(percent))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    /** Sets the claim's code, once: only while its candidate is this code. */
    private boolean settle(Map<String, AttributeValue> claim, String code, Instant now) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(claim).updateExpression("SET #code = :c, givenAt = :at")
                    .conditionExpression("#candidate = :c AND attribute_not_exists(#code)")
                    .expressionAttributeNames(Map.of("#code", "code", "#candidate", "candidate"))
                    .expressionAttributeValues(Map.of(":c", s(code), ":at", s(now.toString()))));
            return true;
        } catch (ConditionalCheckFailedException moved) {
            return false;
        }
    }

    /** Puts a code this draw took in vain back, unless another draw has taken it since (its token then differs). */
    private void release(String code, int percent, String token) {
        try {
            dynamo.updateItem(b -> b.tableName(table).key(Map.of(KEY, s(codeKey(code))))
                    .updateExpression("SET #pool = :p REMOVE claimedBy, claimToken, claimedAt")
                    .conditionExpression("claimToken = :token")
                    .expressionAttributeNames(Map.of("#pool", POOL))
                    .expressionAttributeValues(Map.of(":p", s(Integer.toString(percent)), ":token", s(token))));
        } catch (ConditionalCheckFailedException takenSince) {
            // another draw of this occurrence holds it now: it is theirs to settle or put back
        }
    }

    static String codeKey(String code) {
        return "code#" + code;
    }
}
