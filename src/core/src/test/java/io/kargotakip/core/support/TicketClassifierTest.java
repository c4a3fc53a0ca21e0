package io.kargotakip.core.support;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The WISMO classifier on a labelled sample of Turkish and English tickets (40 rows, half WISMO): its accuracy,
 * precision and recall are measured and held above a floor, and the decisive cases are named.
 */
class TicketClassifierTest {

    private final TicketClassifier classifier = TicketClassifier.builtIn();

    record Labelled(boolean wismo, TicketClassifier.Ticket ticket, int line) {
    }

    static List<Labelled> sample() throws IOException {
        List<Labelled> rows = new ArrayList<>();
        try (InputStream in = TicketClassifierTest.class.getClassLoader().getResourceAsStream("support/labelled-tickets.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            for (int i = 1; i < lines.size(); i++) {
                String[] c = lines.get(i).split(",", -1);
                rows.add(new Labelled(c[0].equals("wismo"), new TicketClassifier.Ticket(c[1], c[2],
                        c[3].isEmpty() ? Set.of() : Set.of(c[3].split(";")), Map.of()), i + 1));
            }
        }
        return rows;
    }

    @Test
    void on_the_labelled_sample_it_is_right_at_least_nine_times_in_ten() throws IOException {
        List<Labelled> sample = sample();
        int tp = 0, fp = 0, fn = 0, tn = 0;
        List<String> wrong = new ArrayList<>();
        for (Labelled l : sample) {
            var c = classifier.classify(l.ticket());
            if (c.wismo() && l.wismo()) {
                tp++;
            } else if (c.wismo()) {
                fp++;
                wrong.add("line " + l.line() + ": not WISMO, said WISMO by " + c.because());
            } else if (l.wismo()) {
                fn++;
                wrong.add("line " + l.line() + ": WISMO, missed (" + c.because() + ")");
            } else {
                tn++;
            }
        }
        double accuracy = (tp + tn) / (double) sample.size();
        double precision = tp / (double) (tp + fp);
        double recall = tp / (double) (tp + fn);
        System.out.printf("WISMO classifier on %d labelled tickets: accuracy %.2f, precision %.2f, recall %.2f; wrong: %s%n",
                sample.size(), accuracy, precision, recall, wrong);
        assertThat(sample).hasSize(40);
        assertThat(accuracy).as(wrong.toString()).isGreaterThanOrEqualTo(0.9);
        assertThat(precision).as("a ticket counted as WISMO is one").isGreaterThanOrEqualTo(0.9);
        assertThat(recall).as("WISMO tickets are found").isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void a_tag_or_field_decides_before_the_words_and_another_request_beats_the_words() {
        assertThat(classifier.classify(new TicketClassifier.Ticket("İade", "iade etmek istiyorum", Set.of("WISMO"), Map.of())))
                .isEqualTo(new TicketClassifier.Classification(true, "tag:wismo"));
        assertThat(classifier.classify(new TicketClassifier.Ticket("", "", Set.of(), Map.of("iletisim_nedeni", "Sipariş durumu"))).because())
                .as("folded as the rules are: an underscore is a space").isEqualTo("field:iletisim nedeni=siparis durumu");
        assertThat(classifier.classify(new TicketClassifier.Ticket("Kargom nerede", "gelince iade edeceğim zaten", Set.of(), Map.of())))
                .isEqualTo(new TicketClassifier.Classification(false, "not:iade"));
        assertThat(classifier.classify(new TicketClassifier.Ticket("KARGOM NEREDE", "", Set.of(), Map.of())).because())
                .as("any case, any accents").isEqualTo("phrase:kargom nerede");
        assertThat(classifier.classify(new TicketClassifier.Ticket("Numaram", "telefonum 5321112233", Set.of(), Map.of())).wismo())
                .as("a phone number is not a tracking number").isFalse();
    }

    @Test
    void a_tickets_text_gives_the_order_and_tracking_numbers_that_link_it() {
        var ticket = new TicketClassifier.Ticket("Sipariş no: 10234", "Kargo 1Z999AA10123456784 ne durumda? Ayrıca order #WEB-5001", Set.of(), Map.of());
        assertThat(classifier.references(ticket)).containsExactly("10234", "WEB-5001", "1Z999AA10123456784");
    }

    @Test
    void a_bad_rule_line_is_named() {
        assertThatThrownBy(() -> TicketClassifier.read("rules.csv", List.of("# x", "colour,red")))
                .hasMessage("rules.csv:2: unknown kind colour; expected tag, field, phrase, number or not");
        assertThatThrownBy(() -> TicketClassifier.read("rules.csv", List.of("field,contact_reason")))
                .hasMessage("rules.csv:1: a field is name=value");
    }
}
