package io.kargotakip.core.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The published JSON Schema and the loader agree: every valid sample passes both, every invalid sample fails both.
 * The {@code beyond-schema} samples break what a JSON Schema cannot state (unique ids, kinds declared elsewhere in
 * the file, targets configured in settings, min ≤ max, a chain's order of waits, a real zone): the schema lets them
 * pass and the loader refuses them; the test holds both halves, so a schema that starts refusing one is noticed.
 */
class RulesSchemaTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static JsonSchema schema;

    private static JsonSchema schema() throws Exception {
        if (schema == null) {
            JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
            try (InputStream in = RulesSchemaTest.class.getClassLoader().getResourceAsStream(RulesLoader.SCHEMA_RESOURCE)) {
                schema = factory.getSchema(in);
            }
        }
        return schema;
    }

    static List<Samples.Sample> valid() {
        return Samples.valid();
    }

    static List<Samples.Sample> invalid() {
        return Samples.of("invalid");
    }

    static List<Samples.Sample> beyondSchema() {
        return Samples.of("beyond-schema");
    }

    private static Set<ValidationMessage> schemaErrors(String yaml) throws Exception {
        JsonNode node = YAML.readTree(yaml);
        return schema().validate(node);
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() throws Exception {
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
        JsonSchema meta = factory.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        try (InputStream in = RulesSchemaTest.class.getClassLoader().getResourceAsStream(RulesLoader.SCHEMA_RESOURCE)) {
            JsonNode published = new ObjectMapper().readTree(in);
            assertThat(published.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(meta.validate(published)).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("valid")
    void aValidFilePassesBoth(Samples.Sample sample) throws Exception {
        assertThat(schemaErrors(sample.text())).isEmpty();
        assertThat(RulesLoader.parse(sample.name(), sample.text()).rules()).isNotEmpty();
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void anInvalidFileFailsBoth(Samples.Sample sample) throws Exception {
        boolean yaml;
        try {
            YAML.readTree(sample.text());
            yaml = true;
        } catch (Exception notYaml) {
            yaml = false;
        }
        if (yaml) {
            assertThat(schemaErrors(sample.text())).as("schema errors of " + sample).isNotEmpty();
        }
        assertThatThrownBy(() -> RulesLoader.parse(sample.name(), sample.text())).isInstanceOf(RulesException.class);
    }

    @ParameterizedTest
    @MethodSource("beyondSchema")
    void whatNoJsonSchemaCanStatePassesTheSchemaAndIsRefusedByTheLoader(Samples.Sample sample) throws Exception {
        assertThat(schemaErrors(sample.text())).isEmpty();
        assertThatThrownBy(() -> RulesLoader.parse(sample.name(), sample.text())).isInstanceOf(RulesException.class);
    }
}
