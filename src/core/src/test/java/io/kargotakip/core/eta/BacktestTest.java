package io.kargotakip.core.eta;

import io.kargotakip.core.calendar.BusinessCalendar;
import org.junit.jupiter.api.Test;

import java.io.StringReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BacktestTest {

    private static final String HEADER = "carrier,service,origin_province,destination_province,shipped_at,delivered_at,carrier_estimate,order_id\n";

    private static BacktestCsv.Result csv(String text) {
        return BacktestCsv.read(new StringReader(text), BusinessCalendar.ISTANBUL);
    }

    @Test
    void aSmallHandMadeDatasetGivesTheNumbersWorkedOutByHand() {
        // ten shipments İstanbul → Ankara from Monday 2 November 2026: 7 in 1 working day, 2 in 2, 1 in 3
        StringBuilder train = new StringBuilder(HEADER);
        String[] delivered = {"03", "03", "03", "03", "03", "03", "03", "04", "04", "05"};
        for (String d : delivered) {
            train.append("yurtici,std,İSTANBUL,ankara,2026-11-02T10:00,2026-11-").append(d).append(",,x\n");
        }
        // mode 1 day, P90 (the 9th of 10) 2 days: from Monday 7 December, most likely Tuesday 8th, promise Wednesday 9th
        String test = HEADER
                + "yurtici,std,34,6,2026-12-07T07:00:00Z,2026-12-08,2026-12-10,a\n"   // 1 day, on time, exact; carrier 2 days out
                + "yurtici,std,34,06,2026-12-07,2026-12-09,2026-12-10,b\n"             // 2 days, on time, 1 off; carrier 1 off
                + "yurtici,std,Istanbul,Ankara,2026-12-07T09:00+03:00,2026-12-10,,c\n" // 3 days: late, 2 off
                + "yurtici,std,istanbul,ANKARA,2026-12-07T09:00,2026-12-08T15:00:00Z,,d\n"; // 1 day, exact
        BacktestCsv.Result trainRows = csv(train.toString());
        BacktestCsv.Result testRows = csv(test);
        assertThat(trainRows.badRows()).isZero();
        assertThat(testRows.badRows()).isZero();

        Backtest.Result r = Backtest.run(Backtest.samples(trainRows.rows()), testRows.rows(), EtaData.builtIn(),
                EtaModel.Settings.DEFAULT.withMinSamples(10));
        Backtest.Metrics m = r.model();
        assertThat(m.rows()).isEqualTo(4);
        assertThat(m.onTimeRate()).isEqualTo(0.75);
        assertThat(m.meanPromiseDays()).isEqualTo(2.0);
        assertThat(m.maeDays()).isEqualTo(0.75);          // 0, 1, 2, 0
        assertThat(m.medianAbsErrorDays()).isEqualTo(0.5);
        assertThat(m.exactDayRate()).isEqualTo(0.5);

        Backtest.Metrics c = r.carrierEstimate();
        assertThat(c.rows()).isEqualTo(2);
        assertThat(c.onTimeRate()).isEqualTo(1.0);
        assertThat(c.meanPromiseDays()).isEqualTo(3.0);
        assertThat(c.maeDays()).isEqualTo(1.5);           // 2, 1
        assertThat(c.medianAbsErrorDays()).isEqualTo(1.5);
        assertThat(c.exactDayRate()).isZero();
        Backtest.Metrics same = r.modelSameRows();
        assertThat(same.rows()).isEqualTo(2);
        assertThat(same.maeDays()).isEqualTo(0.5);
        assertThat(same.onTimeRate()).isEqualTo(1.0);

        String json = r.json(0, 0, 0.9, "tr");
        assertThat(json).startsWith("{\"rows\":4,\"on_time_rate\":0.75,\"mean_promise_days\":2.0,\"mae_days\":0.75,"
                + "\"median_abs_error_days\":0.5,\"exact_day_rate\":0.5,\"train_rows\":10,");
        assertThat(json).contains("\"carrier_estimate\":{\"rows\":2,\"on_time_rate\":1.0,\"mean_promise_days\":3.0,\"mae_days\":1.5,"
                + "\"median_abs_error_days\":1.5,\"exact_day_rate\":0.0}");
    }

    @Test
    void withoutTheCalendarEveryDayCounts() {
        // shipped Friday 4 December, delivered Monday 7th: 2 working days for Yurtiçi (Saturday, Monday), 3 calendar days
        String rows = HEADER + "yurtici,,34,06,2026-12-04,2026-12-07,,\n";
        BacktestCsv.Result r = csv(rows);
        Backtest.Metrics tr = Backtest.run(Backtest.samples(r.rows()), r.rows(), EtaData.builtIn(), EtaModel.Settings.DEFAULT.withMinSamples(1)).model();
        Backtest.Metrics none = Backtest.run(Backtest.samples(r.rows()), r.rows(), EtaData.load(false), EtaModel.Settings.DEFAULT.withMinSamples(1)).model();
        assertThat(tr.meanPromiseDays()).isEqualTo(2.0); // Saturday and Monday: Sunday is not counted
        assertThat(none.meanPromiseDays()).isEqualTo(3.0);
        assertThat(tr.exactDayRate()).isEqualTo(1.0);
        assertThat(none.exactDayRate()).isEqualTo(1.0);
    }

    @Test
    void badRowsAreSkippedAndReportedWithTheirLines() {
        String text = HEADER
                + "yurtici,,34,06,2026-12-07,2026-12-08,,\n"           // 2: good
                + ",,34,06,2026-12-07,2026-12-08,,\n"                  // 3: no carrier
                + "aras,,Atlantis,06,2026-12-07,2026-12-08,,\n"        // 4: no such province
                + "aras,,34,82,2026-12-07,2026-12-08,,\n"              // 5: no plate 82
                + "\n"                                                 // 6: blank, ignored
                + "aras,,34,06,07.12.2026,2026-12-08,,\n"              // 7: not ISO
                + "aras,,34,06,2026-12-07,2026-12-05,,\n"              // 8: delivered before shipped
                + "aras,,34,06,2026-12-07,2026-12-08,tomorrow,\n"      // 9: a bad estimate
                + "\"mng\",\"express, next day\",\"Şanlıurfa\",06,2026-12-07,2026-12-09,,\n"; // 10: quoted, good
        BacktestCsv.Result r = csv(text);
        assertThat(r.rows()).hasSize(2);
        assertThat(r.rows().get(1).line()).isEqualTo(10);
        assertThat(r.rows().get(1).sample().service()).isEqualTo("express, next day");
        assertThat(r.rows().get(1).sample().origin()).isEqualTo("63");
        assertThat(r.badRows()).isEqualTo(6);
        assertThat(r.reasons()).hasSize(6);
        assertThat(r.reasons().get(0)).isEqualTo("line 3: carrier is empty");
        assertThat(r.reasons().get(1)).startsWith("line 4: origin_province 'Atlantis'");
        assertThat(r.reasons().get(2)).startsWith("line 5: destination_province '82'");
        assertThat(r.reasons().get(3)).startsWith("line 7: shipped_at '07.12.2026'");
        assertThat(r.reasons().get(4)).startsWith("line 8: delivered_at 2026-12-05 is before");
        assertThat(r.reasons().get(5)).startsWith("line 9: carrier_estimate 'tomorrow'");
    }

    @Test
    void onlyTheFirstFewReasonsAreKeptButEveryBadRowIsCounted() {
        StringBuilder text = new StringBuilder(HEADER);
        for (int i = 0; i < 25; i++) {
            text.append("aras,,34,06,someday,2026-12-08,,\n");
        }
        BacktestCsv.Result r = csv(text.toString());
        assertThat(r.badRows()).isEqualTo(25);
        assertThat(r.reasons()).hasSize(BacktestCsv.REASONS_KEPT);
        assertThat(r.reasons().get(9)).startsWith("line 11:");
    }

    @Test
    void aFileWithoutTheColumnsIsRefusedAsAWhole() {
        assertThatThrownBy(() -> csv("carrier,origin_province\nups,34\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no column service");
        assertThatThrownBy(() -> csv("")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty file");
    }

    @Test
    void provincesAreNamesInAnyCaseOrPlateCodes() {
        assertThat(EtaData.plate("İSTANBUL")).hasValue("34");
        assertThat(EtaData.plate("istanbul")).hasValue("34");
        assertThat(EtaData.plate("6")).hasValue("06");
        assertThat(EtaData.plate("81")).hasValue("81");
        assertThat(EtaData.plate("sanliurfa")).hasValue("63");
        assertThat(EtaData.plate("0")).isEmpty();
        assertThat(EtaData.plate("082")).isEmpty();
        EtaData data = EtaData.builtIn();
        assertThat(data.regions()).hasSize(81);
        assertThat(data.regionCount()).isEqualTo(7);
        assertThat(data.region("34")).isEqualTo("Marmara");
        assertThat(data.region("65")).isEqualTo("Doğu Anadolu");
    }
}
