package io.kargotakip.aws.analytics;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kargotakip.core.analytics.AnalyticsRecord;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The analytics files' format: one record a line, JSON in snake case, absent fields left out, instants and dates in
 * ISO-8601 — what the Glue table's JSON SerDe on AWS and the local engine both read ({@link AnalyticsColumns}).
 */
public final class AnalyticsJson {

    private static final ObjectMapper LINES = create();

    private AnalyticsJson() {
    }

    private static ObjectMapper create() {
        SimpleModule kinds = new SimpleModule("analytics-kinds");
        kinds.addSerializer(AnalyticsRecord.Kind.class, new JsonSerializer<>() {
            @Override
            public void serialize(AnalyticsRecord.Kind kind, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(kind.wire());
            }
        });
        kinds.addDeserializer(AnalyticsRecord.Kind.class, new JsonDeserializer<>() {
            @Override
            public AnalyticsRecord.Kind deserialize(JsonParser parser, DeserializationContext ctx) throws IOException {
                return AnalyticsRecord.Kind.fromWire(parser.getValueAsString());
            }
        });
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(kinds)
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** One record as its line, without the newline. */
    public static String line(AnalyticsRecord record) {
        try {
            return LINES.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static AnalyticsRecord read(String line) {
        try {
            return LINES.readValue(line, AnalyticsRecord.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not an analytics record: " + e.getOriginalMessage(), e);
        }
    }
}
