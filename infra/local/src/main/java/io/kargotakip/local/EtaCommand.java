package io.kargotakip.local;

import io.kargotakip.core.calendar.BusinessCalendar;
import io.kargotakip.core.eta.Backtest;
import io.kargotakip.core.eta.BacktestCsv;
import io.kargotakip.core.eta.EtaData;
import io.kargotakip.core.eta.EtaModel;
import io.kargotakip.local.Main.UsageError;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code ./kargo eta backtest --train FILE --test FILE [--calendar tr|none] [--confidence 0.9] [--min-samples 30]}: the
 * ETA model trained on one file of delivered shipments and scored on another ({@link Backtest}), printed as one JSON
 * object. A bad row is skipped: the first few are named on stderr with their file and line, all are counted in the JSON.
 */
final class EtaCommand {

    static final String USAGE = "usage: kargo eta backtest --train FILE --test FILE [--calendar tr|none] [--confidence 0.9] [--min-samples 30]";

    private EtaCommand() {
    }

    static int run(List<String> args, PrintStream out, PrintStream err) throws UsageError {
        if (args.isEmpty() || !args.get(0).equals("backtest")) {
            throw new UsageError(args.isEmpty() ? USAGE : "unknown eta command '" + args.get(0) + "'; " + USAGE);
        }
        Map<String, String> options = Main.options(args.subList(1, args.size()), List.of("--train", "--test", "--calendar", "--confidence", "--min-samples"));
        if (options.containsKey("")) {
            throw new UsageError("unexpected argument '" + options.get("") + "'; " + USAGE);
        }
        if (!options.containsKey("--train") || !options.containsKey("--test")) {
            throw new UsageError("--train FILE and --test FILE are both needed; " + USAGE);
        }
        String calendar = options.getOrDefault("--calendar", "tr");
        if (!calendar.equals("tr") && !calendar.equals("none")) {
            throw new UsageError("--calendar must be tr or none, not '" + calendar + "'");
        }
        EtaModel.Settings settings = EtaModel.Settings.DEFAULT;
        String confidence = options.get("--confidence");
        if (confidence != null) {
            double c;
            try {
                c = Double.parseDouble(confidence);
            } catch (NumberFormatException e) {
                c = Double.NaN;
            }
            if (!(c > 0.5 && c < 1)) {
                throw new UsageError("--confidence must be a number between 0.5 and 1 (the promise's quantile, e.g. 0.9), not '" + confidence + "'");
            }
            settings = settings.withConfidence(c);
        }
        String minSamples = options.get("--min-samples");
        if (minSamples != null) {
            int n;
            try {
                n = Integer.parseInt(minSamples);
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new UsageError("--min-samples must be a whole number of at least 1, not '" + minSamples + "'");
            }
            settings = settings.withMinSamples(n);
        }
        Path trainFile = Path.of(options.get("--train"));
        Path testFile = Path.of(options.get("--test"));
        BacktestCsv.Result train = read(trainFile, err);
        BacktestCsv.Result test = read(testFile, err);
        if (test.rows().isEmpty()) {
            throw new UsageError(testFile + ": no shipment to test (" + test.badRows() + " bad rows)");
        }
        EtaData data = calendar.equals("tr") ? EtaData.builtIn() : EtaData.load(false);
        Backtest.Result result = Backtest.run(Backtest.samples(train.rows()), test.rows(), data, settings);
        out.println(result.json(train.badRows(), test.badRows(), settings.confidence(), calendar));
        return 0;
    }

    private static BacktestCsv.Result read(Path file, PrintStream err) throws UsageError {
        BacktestCsv.Result r;
        // streamed, not read whole: a year of shipments is tens of megabytes and the CLI runs in 256 MB
        try (java.io.BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            r = BacktestCsv.read(in, BusinessCalendar.ISTANBUL);
        } catch (IllegalArgumentException e) {
            throw new UsageError(file + ": " + e.getMessage());
        } catch (NoSuchFileException e) {
            throw new UsageError(file + ": no such file");
        } catch (UncheckedIOException e) {
            throw new UsageError(file + (e.getCause() instanceof MalformedInputException ? ": not UTF-8 text" : ": cannot be read: " + e.getCause().getMessage()));
        } catch (IOException e) {
            throw new UsageError(file + ": cannot be read: " + e.getMessage());
        }
        for (String reason : r.reasons()) {
            err.println("kargo: " + file + ": " + reason + ", skipped");
        }
        if (r.badRows() > r.reasons().size()) {
            err.println("kargo: " + file + ": " + (r.badRows() - r.reasons().size()) + " more bad rows skipped");
        }
        return r;
    }
}
