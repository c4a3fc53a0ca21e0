package io.kargotakip.aws.analytics.report;

import java.util.List;

/**
 * The few drawing operations a chart needs, in pixels from the top left, colours as {@code #rrggbb}: written as SVG in
 * the Lambda (no AWT in a native image) and drawn on an image locally for the PNG files.
 */
public interface Canvas {

    enum Anchor { START, MIDDLE, END }

    int width();

    int height();

    void rect(double x, double y, double width, double height, String fill);

    void line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth, boolean dashed);

    /** Points as {x, y} pairs. */
    void polyline(List<double[]> points, String stroke, double strokeWidth);

    void circle(double cx, double cy, double r, String fill);

    /** {@code y} is the text's baseline; {@code anchor} says which end of the text {@code x} is. */
    void text(double x, double y, String text, Anchor anchor, double size, boolean bold, String colour);
}
