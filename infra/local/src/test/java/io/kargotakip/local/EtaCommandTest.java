package io.kargotakip.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EtaCommandTest {

    private static final String HEADER = "order_id,carrier,service,origin_province,destination_province,shipped_at,delivered_at,carrier_estimate\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void backtestPrintsOneJsonObjectAndNamesTheBadRowsOnStderr() throws Exception {
        StringBuilder train = new StringBuilder("\uFEFF" + HEADER);
        for (int i = 0; i < 40; i++) { // İstanbul → Ankara in 1 working day, Mondays
            train.append(i).append(",aras,,İstanbul,Ankara,2026-11-02T10:00,2026-11-03,,\n");
        }
        train.append("x,aras,,Narnia,Ankara,2026-11-02,2026-11-03,\n");
        Path trainFile = write("train.csv", train.toString());
        Path testFile = write("test.csv", HEADER
                + "a,aras,,34,6,2026-12-07T09:00,2026-12-08,2026-12-10\n"   // on the most likely day
                + "b,aras,,34,6,2026-12-07T18:00,2026-12-09,\n");           // after the cut-off: starts Tuesday, exact again
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"eta", "backtest", "--train", trainFile.toString(), "--test", testFile.toString(), "--confidence", "0.8"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        String json = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(json.lines()).hasSize(1);
        assertThat(json).startsWith("{\"rows\":2,\"on_time_rate\":1.0,\"mean_promise_days\":1.0,\"mae_days\":0.0,"
                + "\"median_abs_error_days\":0.0,\"exact_day_rate\":1.0,\"train_rows\":40,\"bad_train_rows\":1,\"bad_test_rows\":0,"
                + "\"confidence\":0.8,\"calendar\":\"tr\"");
        assertThat(json).contains("\"carrier_estimate\":{\"rows\":1,\"on_time_rate\":1.0,\"mean_promise_days\":3.0,\"mae_days\":2.0,");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(trainFile + ": line 42: origin_province 'Narnia'");
    }

    @Test
    void badOptionsAndFilesAreOneLine() throws Exception {
        Path ok = write("ok.csv", HEADER + "a,aras,,34,6,2026-12-07,2026-12-08,\n");
        Path notShipments = write("orders.csv", "order_no,name\n1,Ayşe\n");
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThatThrownBy(() -> Main.run(new String[] {"eta"}, sink, sink)).isInstanceOf(Main.UsageError.class)
                .hasMessage(EtaCommand.USAGE);
        assertThatThrownBy(() -> Main.run(new String[] {"eta", "backtest", "--train", ok.toString()}, sink, sink))
                .hasMessageStartingWith("--train FILE and --test FILE are both needed");
        assertThatThrownBy(() -> Main.run(new String[] {"eta", "backtest", "--train", ok.toString(), "--test", ok.toString(), "--confidence", "90"}, sink, sink))
                .hasMessageStartingWith("--confidence must be a number between 0.5 and 1");
        assertThatThrownBy(() -> Main.run(new String[] {"eta", "backtest", "--train", ok.toString(), "--test", ok.toString(), "--calendar", "us"}, sink, sink))
                .hasMessage("--calendar must be tr or none, not 'us'");
        assertThatThrownBy(() -> Main.run(new String[] {"eta", "backtest", "--train", dir.resolve("missing.csv").toString(), "--test", ok.toString()}, sink, sink))
                .hasMessageEndingWith("missing.csv: no such file");
        assertThatThrownBy(() -> Main.run(new String[] {"eta", "backtest", "--train", ok.toString(), "--test", notShipments.toString()}, sink, sink))
                .hasMessageContaining("orders.csv: line 1: the header has no column carrier");
        assertThatThrownBy(() -> Main.run(new String[] {"eta", "backtest", "--train", ok.toString(), "--test", ok.toString(), "--folds", "3"}, sink, sink))
                .hasMessage("unknown option --folds");
    }
}
