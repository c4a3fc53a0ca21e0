package io.kargotakip.local;

import io.kargotakip.aws.AwsClients;
import io.kargotakip.aws.store.DiscountCodes;
import io.kargotakip.aws.store.TableNames;
import io.kargotakip.local.Main.UsageError;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code ./kargo discounts import --percent N FILE} and {@code ./kargo discounts status}: the merchant's single-use
 * discount codes ({@link DiscountCodes}) in the local stack of {@code kargo demo --keep-running}, or with
 * {@code --stack NAME} in the table {@code KARGO_TABLE_DISCOUNT_CODES} names (your shell's AWS credentials). The file
 * is one code per line, or a CSV whose header has a {@code code} column; it is checked whole first: any bad line
 * ends the command with every {@code line N: reason} and nothing imported.
 */
final class DiscountsCommand {

    static final String USAGE = "usage: kargo discounts import --percent N FILE [--stack NAME] | kargo discounts status [--stack NAME]";

    private DiscountsCommand() {
    }

    static int run(List<String> args, PrintStream out, Function<String, String> env, Path root) throws UsageError {
        if (args.isEmpty()) {
            throw new UsageError(USAGE);
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "import" -> importCodes(rest, out, env, root);
            case "status" -> status(rest, out, env, root);
            default -> throw new UsageError("unknown discounts command '" + args.get(0) + "'; " + USAGE);
        };
    }

    static int importCodes(List<String> args, PrintStream out, Function<String, String> env, Path root) throws UsageError {
        Map<String, String> options = Main.options(args, List.of("--percent", "--stack"));
        String file = options.get("");
        if (file == null || !options.containsKey("--percent")) {
            throw new UsageError("usage: kargo discounts import --percent N FILE [--stack NAME]   (FILE: one code per line, or a CSV with a code column)");
        }
        int percent;
        try {
            percent = Integer.parseInt(options.get("--percent").strip());
        } catch (NumberFormatException e) {
            throw new UsageError("--percent must be a whole number, 1 to 100, not '" + options.get("--percent") + "'");
        }
        String badPercent = DiscountCodes.percentProblem(percent);
        if (badPercent != null) {
            throw new UsageError("--percent: " + badPercent);
        }
        // the whole file is checked before connecting to anything
        List<String> codes = read(Path.of(file));
        try (Pool pool = pool(options.get("--stack"), env, root)) {
            DiscountCodes.ImportResult r = pool.codes().importCodes(percent, codes);
            out.println("imported " + r.imported() + " codes of " + percent + " %" + (r.skipped() == 0 ? "" : ", skipped "
                    + r.skipped() + " already in the pool") + "; " + remaining(pool.codes(), percent) + " remaining");
            return 0;
        }
    }

    static int status(List<String> args, PrintStream out, Function<String, String> env, Path root) throws UsageError {
        Map<String, String> options = Main.options(args, List.of("--stack"));
        if (options.containsKey("")) {
            throw new UsageError("usage: kargo discounts status [--stack NAME]");
        }
        try (Pool pool = pool(options.get("--stack"), env, root)) {
            List<Integer> percents = pool.codes().percents();
            if (percents.isEmpty()) {
                out.println("no discount codes imported (kargo discounts import --percent N FILE)");
            }
            for (int percent : percents) {
                out.println(percent + " %: " + remaining(pool.codes(), percent) + " remaining");
            }
            return 0;
        }
    }

    private static String remaining(DiscountCodes codes, int percent) {
        int n = codes.remaining(percent);
        return n >= codes.countLimit() ? "at least " + n : Integer.toString(n);
    }

    /**
     * The codes of the file, in order.
     *
     * @throws UsageError with every bad line ({@code FILE: nothing imported; line N: reason; …})
     */
    static List<String> read(Path file) throws UsageError {
        String text = Main.readText(file);
        List<String> codes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\\r?\\n", -1);
        int header = firstNonBlank(lines);
        if (header < 0) {
            throw new UsageError(file + ": nothing imported; no codes in the file");
        }
        List<String> headerCells = List.of(lines[header].split("[,;]", -1)).stream().map(c -> c.strip().replace("\"", "")
                .toLowerCase(Locale.ROOT)).toList();
        if (headerCells.contains("code")) {
            csv(file, text, problems, codes);
        } else {
            for (int i = 0; i < lines.length; i++) {
                String code = lines[i].strip();
                if (code.isEmpty()) {
                    continue;
                }
                String problem = DiscountCodes.problem(code);
                if (problem != null) {
                    problems.add("line " + (i + 1) + ": " + problem);
                } else {
                    codes.add(code);
                }
            }
        }
        if (problems.isEmpty() && codes.isEmpty()) {
            problems.add("no codes in the file");
        }
        if (!problems.isEmpty()) {
            throw new UsageError(file + ": nothing imported; " + String.join("; ", problems));
        }
        return codes;
    }

    private static void csv(Path file, String text, List<String> problems, List<String> codes) throws UsageError {
        char delimiter = text.lines().filter(l -> !l.isBlank()).findFirst().orElse("").contains(";") ? ';' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setIgnoreHeaderCase(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord row : parser) {
                long line = row.getParser().getCurrentLineNumber();
                if (!row.isSet("code")) {
                    problems.add("line " + line + ": no code column");
                    continue;
                }
                String code = row.get("code");
                String problem = DiscountCodes.problem(code);
                if (problem != null) {
                    problems.add("line " + line + ": " + problem);
                } else {
                    codes.add(code);
                }
            }
        } catch (IOException | UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            throw new UsageError(file + ": nothing imported; not a readable CSV: " + e.getMessage());
        }
    }

    private static int firstNonBlank(String[] lines) {
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank()) {
                return i;
            }
        }
        return -1;
    }

    /** The pool and the client it is reached through. */
    record Pool(DiscountCodes codes, DynamoDbClient dynamo) implements AutoCloseable {
        @Override
        public void close() {
            dynamo.close();
        }
    }

    /** The local stack's pool, or with {@code --stack} the table {@code KARGO_TABLE_DISCOUNT_CODES} names. */
    static Pool pool(String stack, Function<String, String> env, Path root) throws UsageError {
        if (stack != null) {
            if (!stack.matches("[A-Za-z][A-Za-z0-9-]{0,46}")) {
                throw new UsageError("--stack must be a CloudFormation stack name (letters, digits and '-', at most 47)");
            }
            String table = env.apply(TableNames.DISCOUNT_CODES);
            if (table == null || table.isBlank()) {
                throw new UsageError("--stack " + stack + ": set " + TableNames.DISCOUNT_CODES + " to the stack's DiscountCodesTableName output"
                        + " (aws cloudformation describe-stacks --stack-name " + stack + ")");
            }
            DynamoDbClient dynamo = AwsClients.dynamoDb();
            return new Pool(new DiscountCodes(dynamo, table), dynamo);
        }
        DeadLetters.LocalStack local = DeadLetters.localStack(root);
        DynamoDbClient dynamo = AwsClients.dynamoDb(local.dynamoDb());
        return new Pool(new DiscountCodes(dynamo, local.tables().discountCodes()), dynamo);
    }
}
