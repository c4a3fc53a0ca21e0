package io.kargotakip.emulators;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads {@code template.yaml} as the local runtime and the template's own test need it: SnakeYAML's safe
 * constructor with CloudFormation's short tags read as their long forms ({@code !Ref x} → {@code {Ref: x}},
 * {@code !GetAtt A.Arn} → {@code {Fn::GetAtt: [A, Arn]}}); duplicate keys are an error.
 */
public final class CloudFormationYaml {

    private static final List<String> FUNCTIONS = List.of("GetAtt", "Sub", "If", "Equals", "Not", "Join", "Select",
            "Split", "FindInMap", "And", "Or", "ImportValue", "Base64", "Cidr", "GetAZs", "Transform", "Length", "ToJsonString");

    private CloudFormationYaml() {
    }

    public static Map<String, Object> load(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file)) {
            return new Yaml(new Constructor(options)).load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Constructor extends SafeConstructor {
        Constructor(LoaderOptions options) {
            super(options);
            tag("!Ref", "Ref");
            tag("!Condition", "Condition");
            FUNCTIONS.forEach(fn -> tag("!" + fn, "Fn::" + fn));
        }

        private void tag(String tag, String key) {
            yamlConstructors.put(new Tag(tag), new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        value = constructScalar(scalar);
                        if (key.equals("Fn::GetAtt")) {
                            value = List.of(((String) value).split("\\.", 2));
                        }
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    Map<String, Object> longForm = new LinkedHashMap<>();
                    longForm.put(key, value);
                    return longForm;
                }
            });
        }
    }
}
