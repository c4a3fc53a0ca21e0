package io.kargotakip.aws;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.kargotakip.core.notification.MessageKind;
import io.kargotakip.core.shipment.Reason;
import io.kargotakip.core.shipment.ShipmentId;
import io.kargotakip.core.shipment.TrackingStatus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Function;

/** The one JSON mapping of the product: statuses and reasons by their wire names, instants as ISO-8601. */
public final class Json {

    public static final ObjectMapper MAPPER = create();

    private Json() {
    }

    public static ObjectMapper create() {
        SimpleModule wire = new SimpleModule("kargo-wire-names");
        wire.addSerializer(TrackingStatus.class, serializer(TrackingStatus::wireName));
        wire.addDeserializer(TrackingStatus.class, deserializer(s -> TrackingStatus.fromWireName(s).orElse(null), "status"));
        wire.addSerializer(Reason.class, serializer(Reason::wireName));
        wire.addDeserializer(Reason.class, deserializer(s -> Reason.fromWireName(s).orElse(null), "reason"));
        wire.addSerializer(MessageKind.class, serializer(MessageKind::templateName));
        wire.addDeserializer(MessageKind.class, deserializer(MessageKind::fromTemplateName, "message kind"));
        wire.addSerializer(ShipmentId.class, serializer(ShipmentId::toString));
        wire.addDeserializer(ShipmentId.class, deserializer(ShipmentId::parse, "shipment id"));
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .registerModule(wire)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static <T> T read(String json, Class<T> type) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable " + type.getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private static <T> JsonSerializer<T> serializer(Function<T, String> name) {
        return new JsonSerializer<>() {
            @Override
            public void serialize(T value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(name.apply(value));
            }
        };
    }

    private static <T> JsonDeserializer<T> deserializer(Function<String, T> parse, String what) {
        return new JsonDeserializer<>() {
            @Override
            public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = p.getValueAsString();
                T value;
                try {
                    value = parse.apply(text);
                } catch (IllegalArgumentException e) {
                    value = null;
                }
                if (value == null) {
                    throw ctxt.weirdStringException(text, Object.class, "not a known " + what);
                }
                return value;
            }
        };
    }
}
