package io.kargotakip.core.template;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A family of message files, {@code <base>_<locale>.properties} on the classpath (the address form's, the
 * self-service pages'), read once per locale, with {@code {name}} placeholders. A key that is missing stops with the
 * file's name, so a gap between the languages is found by a test, not by a customer.
 */
public final class MessageBundle {

    private final String base;
    private final Map<String, Properties> byLocale = new ConcurrentHashMap<>();

    /** @param base the files' path without {@code _<locale>.properties}, e.g. {@code address/messages} */
    public MessageBundle(String base) {
        this.base = base;
    }

    /** The message {@code key} in {@code locale} with its {@code {name}}s filled in. */
    public String text(String locale, String key, Map<String, String> values) {
        String text = texts(locale).getProperty(key);
        if (text == null) {
            throw new IllegalStateException(base + "_" + locale + ".properties has no " + key);
        }
        for (Map.Entry<String, String> v : values.entrySet()) {
            text = text.replace("{" + v.getKey() + "}", v.getValue());
        }
        return text;
    }

    /** "A", "A ya da B", "A, B ya da C" (or, in English): the file's {@code or}. */
    public String joinOr(String locale, List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + text(locale, "or", Map.of()) + " " + items.get(items.size() - 1);
    }

    public Properties texts(String locale) {
        return byLocale.computeIfAbsent(locale, l -> {
            String name = base + "_" + l + ".properties";
            Properties p = new Properties();
            try (InputStream in = MessageBundle.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException(name + " is missing from the classpath");
                }
                p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return p;
        });
    }
}
