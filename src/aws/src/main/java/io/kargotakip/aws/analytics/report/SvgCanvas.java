package io.kargotakip.aws.analytics.report;

import java.util.List;
import java.util.Locale;

/** A {@link Canvas} that writes an SVG document, inline-able in HTML (no external font, image or stylesheet). */
public final class SvgCanvas implements Canvas {

    static final String FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif";

    private final int width;
    private final int height;
    private final StringBuilder body = new StringBuilder();

    public SvgCanvas(int width, int height) {
        this.width = width;
        this.height = height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public void rect(double x, double y, double w, double h, String fill) {
        body.append("<rect x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" width=\"").append(n(w))
                .append("\" height=\"").append(n(h)).append("\" fill=\"").append(colour(fill)).append("\"/>\n");
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth, boolean dashed) {
        body.append("<line x1=\"").append(n(x1)).append("\" y1=\"").append(n(y1)).append("\" x2=\"").append(n(x2))
                .append("\" y2=\"").append(n(y2)).append("\" stroke=\"").append(colour(stroke)).append("\" stroke-width=\"")
                .append(n(strokeWidth)).append('"').append(dashed ? " stroke-dasharray=\"5 4\"" : "").append("/>\n");
    }

    @Override
    public void polyline(List<double[]> points, String stroke, double strokeWidth) {
        body.append("<polyline fill=\"none\" stroke=\"").append(colour(stroke)).append("\" stroke-width=\"").append(n(strokeWidth))
                .append("\" stroke-linejoin=\"round\" points=\"");
        for (int i = 0; i < points.size(); i++) {
            body.append(i == 0 ? "" : " ").append(n(points.get(i)[0])).append(',').append(n(points.get(i)[1]));
        }
        body.append("\"/>\n");
    }

    @Override
    public void circle(double cx, double cy, double r, String fill) {
        body.append("<circle cx=\"").append(n(cx)).append("\" cy=\"").append(n(cy)).append("\" r=\"").append(n(r))
                .append("\" fill=\"").append(colour(fill)).append("\"/>\n");
    }

    @Override
    public void text(double x, double y, String text, Anchor anchor, double size, boolean bold, String colour) {
        body.append("<text x=\"").append(n(x)).append("\" y=\"").append(n(y)).append("\" font-size=\"").append(n(size))
                .append('"').append(bold ? " font-weight=\"bold\"" : "")
                .append(anchor == Anchor.START ? "" : anchor == Anchor.MIDDLE ? " text-anchor=\"middle\"" : " text-anchor=\"end\"")
                .append(" fill=\"").append(colour(colour)).append("\">").append(escape(text)).append("</text>\n");
    }

    /** The document (an .svg file); {@code title} is its accessible name. */
    public String svg(String title) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\"" + inline(title).substring(4);
    }

    /** The element inside HTML, where the namespace is implied. */
    public String inline(String title) {
        return "<svg width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 "
                + width + " " + height + "\" role=\"img\" aria-label=\"" + escape(title) + "\" font-family=\"" + FONT + "\">\n"
                + "<title>" + escape(title) + "</title>\n" + body + "</svg>\n";
    }

    /** Text for XML content and attributes: the five special characters, and no control character XML refuses. */
    public static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A coordinate; a non-finite one is the painter's bug, refused rather than written as NaN. */
    static String n(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("not a finite coordinate: " + v);
        }
        double r = Math.round(v * 100) / 100.0;
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%.2f", r).replaceAll("0+$", "");
    }

    private static String colour(String c) {
        if (c == null || !c.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("a colour is #rrggbb, not " + c);
        }
        return c;
    }
}
