package io.kargotakip.core.rules;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node knows its line. Jackson's own tree forgets where a value stood, and an
 * error a merchant can act on names the line, so the loader reads the token stream itself.
 */
final class YamlTree {

    private YamlTree() {
    }

    sealed interface Node permits MapNode, ListNode, Scalar {
        int line();
    }

    /** A mapping; keys in file order, each with the line it stands on. */
    record MapNode(int line, Map<String, Entry> entries) implements Node {
    }

    record Entry(int keyLine, Node value) {
    }

    record ListNode(int line, List<Node> items) implements Node {
    }

    /**
     * A scalar: {@code value} is a String, Long, Double, Boolean or null, as the YAML reader typed it.
     */
    record Scalar(int line, Object value) implements Node {
    }

    /** A file that is not YAML, or a mapping that names a key twice: one line, with the line number. */
    static final class SyntaxError extends Exception {
        final int line;

        SyntaxError(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private static final YAMLFactory FACTORY = new YAMLFactory();

    static Node parse(String text) throws SyntaxError {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SyntaxError(1, "the file is empty; expected a mapping with rules");
            }
            Node root = read(parser);
            if (parser.nextToken() != null) {
                throw new SyntaxError(line(parser), "a second YAML document; expected one");
            }
            return root;
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
            throw new SyntaxError(line, "not YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new SyntaxError(1, "not readable: " + firstLine(e.getMessage()));
        }
    }

    private static Node read(JsonParser p) throws IOException, SyntaxError {
        int line = line(p);
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    int keyLine = line(p);
                    p.nextToken();
                    Node value = read(p);
                    if (entries.containsKey(key)) {
                        throw new SyntaxError(keyLine, "key \"" + key + "\" is given twice in one mapping (first on line "
                                + entries.get(key).keyLine() + ")");
                    }
                    entries.put(key, new Entry(keyLine, value));
                }
                return new MapNode(line, entries);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(p));
                }
                return new ListNode(line, items);
            }
            case VALUE_STRING -> {
                return new Scalar(line, p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return new Scalar(line, p.getLongValue());
            }
            case VALUE_NUMBER_FLOAT -> {
                return new Scalar(line, p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Scalar(line, t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return new Scalar(line, null);
            }
            default -> throw new SyntaxError(line, "unexpected YAML token " + t);
        }
    }

    private static int line(JsonParser p) {
        return Math.max(1, p.currentTokenLocation().getLineNr());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }
}
