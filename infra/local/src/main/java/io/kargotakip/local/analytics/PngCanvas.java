package io.kargotakip.local.analytics;

import io.kargotakip.aws.analytics.report.Canvas;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The report's {@link Canvas} on an AWT image, for the PNG files of the local report (a mail client or a chat shows a
 * PNG where it shows no SVG). Headless: no display on a server or in CI. Only here, never in the Lambda: a native image
 * carries no AWT.
 */
public final class PngCanvas implements Canvas {

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private final BufferedImage image;
    private final Graphics2D g;

    public PngCanvas(int width, int height) {
        image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    }

    @Override
    public int width() {
        return image.getWidth();
    }

    @Override
    public int height() {
        return image.getHeight();
    }

    @Override
    public void rect(double x, double y, double width, double height, String fill) {
        g.setColor(colour(fill));
        g.fill(new Rectangle2D.Double(x, y, width, height));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String stroke, double strokeWidth, boolean dashed) {
        g.setColor(colour(stroke));
        g.setStroke(dashed ? new BasicStroke((float) strokeWidth, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {5, 4}, 0)
                : new BasicStroke((float) strokeWidth));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(List<double[]> points, String stroke, double strokeWidth) {
        if (points.isEmpty()) {
            return;
        }
        Path2D.Double path = new Path2D.Double();
        path.moveTo(points.get(0)[0], points.get(0)[1]);
        for (double[] p : points.subList(1, points.size())) {
            path.lineTo(p[0], p[1]);
        }
        g.setColor(colour(stroke));
        g.setStroke(new BasicStroke((float) strokeWidth, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(path);
    }

    @Override
    public void circle(double cx, double cy, double r, String fill) {
        g.setColor(colour(fill));
        g.fill(new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r));
    }

    @Override
    public void text(double x, double y, String text, Anchor anchor, double size, boolean bold, String colour) {
        g.setFont(new Font(Font.SANS_SERIF, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size));
        double width = g.getFontMetrics().getStringBounds(text, g).getWidth();
        double left = switch (anchor) {
            case START -> x;
            case MIDDLE -> x - width / 2;
            case END -> x - width;
        };
        g.setColor(colour(colour));
        g.drawString(text, (float) left, (float) y);
    }

    public BufferedImage image() {
        return image;
    }

    /** The image as PNG bytes. */
    public byte[] png() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Color colour(String hex) {
        if (hex == null || !hex.matches("#[0-9a-fA-F]{6}")) {
            throw new IllegalArgumentException("a colour is #rrggbb, not " + hex);
        }
        return new Color(Integer.parseInt(hex.substring(1), 16));
    }
}
