package io.kargotakip.core.support;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The helpdesks' ticket payloads, on samples written from Zendesk's and Freshdesk's published formats. */
class TicketPayloadsTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-02T18:00:00Z");

    static byte[] sample(String name) {
        try (InputStream in = TicketPayloadsTest.class.getClassLoader().getResourceAsStream("support/" + name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("sample " + name, e);
        }
    }

    @Nested
    class Zendesk {

        @Test
        void aCreatedTicketCarriesItsTextTagsAndTheEventTime() throws Exception {
            TicketEvent event = ZendeskTicketEvents.parse(sample("zendesk-ticket-created.json")).orElseThrow();

            assertThat(event.step()).isEqualTo(TicketEvent.Step.CREATED);
            assertThat(event.at()).isEqualTo(Instant.parse("2026-12-01T09:58:02.135Z"));
            assertThat(event.ticket().source()).isEqualTo("zendesk");
            assertThat(event.ticket().id()).isEqualTo("5158");
            assertThat(event.ticket().subject()).isEqualTo("Siparişim hâlâ gelmedi");
            assertThat(event.ticket().body()).contains("1Z999AA10123456784");
            assertThat(event.ticket().tags()).containsExactly("web_widget", "turkce");
            // the classifier reads it as WISMO, and finds the references in the text
            assertThat(TicketClassifier.builtIn().classify(event.ticket().forClassifier()).wismo()).isTrue();
            assertThat(TicketClassifier.builtIn().references(event.ticket().forClassifier())).contains("100234", "1Z999AA10123456784");
        }

        @Test
        void aPublicCommentByStaffIsAFirstResponseAtTheEventTime() throws Exception {
            TicketEvent event = ZendeskTicketEvents.parse(sample("zendesk-comment-added-agent.json")).orElseThrow();

            assertThat(event.step()).isEqualTo(TicketEvent.Step.FIRST_RESPONSE);
            assertThat(event.at()).isEqualTo(Instant.parse("2026-12-01T10:41:17.402Z"));
            assertThat(event.ticket().id()).isEqualTo("5158");
        }

        @Test
        void theCustomersOwnCommentAndAnAgentsPrivateNoteAreNotResponses() throws Exception {
            assertThat(ZendeskTicketEvents.parse(sample("zendesk-comment-added-requester.json"))).isEmpty();
            assertThat(ZendeskTicketEvents.parse(sample("zendesk-comment-added-private.json"))).isEmpty();
        }

        @Test
        void solvedOrClosedIsTheSolutionAnyOtherStatusIsNot() throws Exception {
            TicketEvent solved = ZendeskTicketEvents.parse(sample("zendesk-status-changed-solved.json")).orElseThrow();
            assertThat(solved.step()).isEqualTo(TicketEvent.Step.SOLVED);
            assertThat(solved.at()).isEqualTo(Instant.parse("2026-12-02T08:05:00Z"));

            String closed = new String(sample("zendesk-status-changed-solved.json"), StandardCharsets.UTF_8).replace("\"current\": \"SOLVED\"", "\"current\": \"closed\"");
            assertThat(ZendeskTicketEvents.parse(closed.getBytes(StandardCharsets.UTF_8)).map(TicketEvent::step)).contains(TicketEvent.Step.SOLVED);
            assertThat(ZendeskTicketEvents.parse(sample("zendesk-status-changed-pending.json"))).isEmpty();
        }

        @Test
        void otherEventTypesAreAnsweredButNotCounted() throws Exception {
            String priority = new String(sample("zendesk-ticket-created.json"), StandardCharsets.UTF_8)
                    .replace("ticket.created", "ticket.priority_changed");
            assertThat(ZendeskTicketEvents.parse(priority.getBytes(StandardCharsets.UTF_8))).isEmpty();
            assertThat(ZendeskTicketEvents.parse("{\"type\":\"zen:event-type:user.created\",\"detail\":{}}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        }

        @Test
        void badPayloadsSayWhatIsWrong() {
            assertThatThrownBy(() -> ZendeskTicketEvents.parse("<xml/>".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(TicketPayloadException.class).hasMessage("the Zendesk webhook body is not JSON");
            assertThatThrownBy(() -> ZendeskTicketEvents.parse("[1]".getBytes(StandardCharsets.UTF_8)))
                    .hasMessage("the Zendesk webhook body is not a JSON object");
            assertThatThrownBy(() -> ZendeskTicketEvents.parse("{}".getBytes(StandardCharsets.UTF_8))).hasMessage("'type' is missing");
            assertThatThrownBy(() -> ZendeskTicketEvents.parse(
                    "{\"type\":\"zen:event-type:ticket.created\",\"time\":\"2026-12-01T10:00:00Z\"}".getBytes(StandardCharsets.UTF_8)))
                    .hasMessage("'detail' (the ticket) is missing");
            assertThatThrownBy(() -> ZendeskTicketEvents.parse(
                    "{\"type\":\"zen:event-type:ticket.created\",\"time\":\"2026-12-01T10:00:00Z\",\"detail\":{\"subject\":\"x\"}}".getBytes(StandardCharsets.UTF_8)))
                    .hasMessage("'detail.id' is missing");
            assertThatThrownBy(() -> ZendeskTicketEvents.parse(
                    "{\"type\":\"zen:event-type:ticket.created\",\"detail\":{\"id\":\"1\"}}".getBytes(StandardCharsets.UTF_8)))
                    .hasMessage("'time' is missing");
            assertThatThrownBy(() -> ZendeskTicketEvents.parse(
                    "{\"type\":\"zen:event-type:ticket.created\",\"time\":\"01.12.2026 10:00\",\"detail\":{\"id\":\"1\"}}".getBytes(StandardCharsets.UTF_8)))
                    .hasMessageStartingWith("'time' is not an ISO-8601 time");
            assertThatThrownBy(() -> ZendeskTicketEvents.parse(new byte[0])).hasMessage("the Zendesk webhook body is empty");
        }
    }

    @Nested
    class Form {

        @Test
        void freshdesksBodyWithPlaceholdersFilledIn() throws Exception {
            TicketEvent event = HelpdeskForm.parse("freshdesk", sample("freshdesk-created.json"), RECEIVED);

            assertThat(event.step()).isEqualTo(TicketEvent.Step.CREATED);
            assertThat(event.ticket().source()).isEqualTo("freshdesk");
            assertThat(event.ticket().id()).isEqualTo("8812");
            // one comma-separated string, as {{ticket.tags}} renders them
            assertThat(event.ticket().tags()).containsExactly("order-status", "english");
            assertThat(event.ticket().fields()).containsEntry("contact_reason", "order_status");
            // empty placeholders are no references
            assertThat(event.ticket().orderNo()).isNull();
            assertThat(event.ticket().trackingNumber()).isNull();
            // no time in the body: the time it came
            assertThat(event.at()).isEqualTo(RECEIVED);
            assertThat(TicketClassifier.builtIn().classify(event.ticket().forClassifier()).because()).isEqualTo("tag:order-status");
        }

        @Test
        void theGenericFormWithItsTimeAndReferences() throws Exception {
            TicketEvent event = HelpdeskForm.parse("helpdesk", sample("helpdesk-first-response.json"), RECEIVED);

            assertThat(event.step()).isEqualTo(TicketEvent.Step.FIRST_RESPONSE);
            assertThat(event.at()).isEqualTo(Instant.parse("2026-12-01T09:30:00Z"));
            assertThat(event.ticket().id()).isEqualTo("HD-2041");
            assertThat(event.ticket().orderNo()).isEqualTo("100234");
            assertThat(event.ticket().trackingNumber()).isNull();
            assertThat(event.ticket().tags()).isEmpty();
        }

        @Test
        void aNumericIdAndFieldValuesAreReadAsText() throws Exception {
            TicketEvent event = HelpdeskForm.parse("helpdesk", ("{\"ticket_id\": 77, \"event\": \"SOLVED\", \"at\": \"2026-12-01T10:00:00Z\","
                    + " \"fields\": {\"priority\": 2, \"vip\": true, \"empty\": \"\"}, \"tracking_number\": \"1z999aa10123456784\"}").getBytes(StandardCharsets.UTF_8), RECEIVED);

            assertThat(event.ticket().id()).isEqualTo("77");
            assertThat(event.step()).isEqualTo(TicketEvent.Step.SOLVED);
            assertThat(event.ticket().fields()).isEqualTo(Map.of("priority", "2", "vip", "true"));
            assertThat(event.ticket().trackingNumber()).isEqualTo("1Z999AA10123456784");
        }

        @ParameterizedTest
        @ValueSource(strings = {
                "{\"event\":\"created\"}|'ticket_id' is missing",
                "{\"ticket_id\":\"1\"}|'event' is missing",
                "{\"ticket_id\":\"1\",\"event\":\"reopened\"}|'event' must be created, first_response or solved",
                "{\"ticket_id\":\"1\",\"event\":\"created\",\"at\":\"2026-12-01 10:00\"}|'at' is not an ISO-8601 time with an offset (e.g. 2026-12-01T10:00:00Z)",
                "{\"ticket_id\":\"1\",\"event\":\"created\",\"at\":\"2026-12-01T10:00:00\"}|'at' is not an ISO-8601 time with an offset (e.g. 2026-12-01T10:00:00Z)",
                "{\"ticket_id\":{\"a\":1},\"event\":\"created\"}|'ticket_id' must be a string",
                "{\"ticket_id\":\"1\",\"event\":\"created\",\"tags\":{\"a\":1}}|'tags' must be a list of strings",
                "{\"ticket_id\":\"1\",\"event\":\"created\",\"fields\":[1]}|'fields' must be an object of names to values",
                "not json|the ticket body is not JSON"})
        void badFormsSayWhatIsWrongWithoutEchoingThePayload(String sampleAndMessage) {
            String[] parts = sampleAndMessage.split("\\|");
            assertThatThrownBy(() -> HelpdeskForm.parse("helpdesk", parts[0].getBytes(StandardCharsets.UTF_8), RECEIVED))
                    .isInstanceOf(TicketPayloadException.class).hasMessage(parts[1]);
        }
    }

    @Test
    void stepsByTheirWireNames() {
        assertThat(TicketEvent.Step.fromWire("first_response")).contains(TicketEvent.Step.FIRST_RESPONSE);
        assertThat(TicketEvent.Step.fromWire(" Created ")).contains(TicketEvent.Step.CREATED);
        assertThat(TicketEvent.Step.fromWire("closed")).isEqualTo(Optional.empty());
        assertThat(TicketEvent.Step.SOLVED.wire()).isEqualTo("solved");
    }
}
