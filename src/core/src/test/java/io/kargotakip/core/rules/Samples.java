package io.kargotakip.core.rules;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The sample rules files under test resources {@code samples/valid}, {@code samples/invalid}, {@code samples/beyond-schema}. */
final class Samples {

    record Sample(String name, String text) {
        /** The error line the loader must give: the file's last line, {@code # expect: …}. */
        String expected() {
            String[] lines = text.strip().split("\n");
            String last = lines[lines.length - 1];
            if (!last.startsWith("# expect: ")) {
                throw new IllegalStateException(name + " has no # expect: line at its end");
            }
            return last.substring("# expect: ".length());
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Sample> of(String folder) {
        try {
            Path dir = Path.of(Samples.class.getResource("/io/kargotakip/core/rules/samples/" + folder).toURI());
            try (Stream<Path> files = Files.list(dir)) {
                List<Sample> samples = files.filter(p -> p.toString().endsWith(".yaml")).sorted()
                        .map(p -> new Sample(p.getFileName().toString(), read(p))).toList();
                if (samples.isEmpty()) {
                    throw new IllegalStateException("no samples in " + folder);
                }
                return samples;
            }
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The valid samples and the shipped default rules. */
    static List<Sample> valid() {
        try (var in = Samples.class.getClassLoader().getResourceAsStream(RulesLoader.DEFAULT_RULES_RESOURCE)) {
            Sample defaults = new Sample("default-rules.yaml", new String(in.readAllBytes(), StandardCharsets.UTF_8));
            return Stream.concat(Stream.of(defaults), of("valid").stream()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
