package io.kargotakip.functions.trackingpage;

import io.kargotakip.aws.page.PageSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The page's static files under {@code /static/}: its style, its script, the brand's theme (made from the page
 * configuration) and Leaflet, each named by a hash of its content, so a browser or CDN may keep it for a year and a new
 * version is a new name.
 */
final class Assets {

    record Asset(String name, byte[] body, String type) {
    }

    private final Map<String, Asset> byName = new HashMap<>();
    final String css;
    final String js;
    final String theme;
    final String leafletJs;
    final String leafletCss;

    Assets(PageSettings settings) {
        css = add("page", "css", read("static/page.css"), "text/css; charset=utf-8");
        js = add("page", "js", read("static/page.js"), "text/javascript; charset=utf-8");
        PageSettings.Colours c = settings.colours();
        // validated colours and font (PageSettings): nothing here can end the declaration block
        String vars = ":root{--primary:" + c.primary() + ";--on-primary:" + c.onPrimary() + ";--background:" + c.background()
                + ";--text:" + c.text() + ";--font:" + settings.font() + "}\n";
        theme = add("theme", "css", vars.getBytes(StandardCharsets.UTF_8), "text/css; charset=utf-8");
        leafletJs = add("leaflet", "js", read(LEAFLET + "leaflet.js"), "text/javascript; charset=utf-8");
        leafletCss = add("leaflet", "css", read(LEAFLET + "leaflet.css"), "text/css; charset=utf-8");
    }

    static final String LEAFLET = "META-INF/resources/webjars/leaflet/1.9.4/dist/";

    Optional<Asset> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    private String add(String stem, String extension, byte[] body, String type) {
        String name = stem + "." + hash(body) + "." + extension;
        byName.put(name, new Asset(name, body, type));
        return "/static/" + name;
    }

    private static byte[] read(String resource) {
        try (InputStream in = Assets.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String hash(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
