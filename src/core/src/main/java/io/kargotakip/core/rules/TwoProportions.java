package io.kargotakip.core.rules;

/**
 * The two-proportion z-test an A/B report uses to say whether a variant's rate (delivered, opened, clicked, contacted
 * support) differs from the first variant's: the z statistic on the pooled proportion, its two-sided p-value, and the
 * 95% confidence interval of the difference on the unpooled standard error (the interval does not assume the two
 * rates are equal; the test, under its null hypothesis, does).
 *
 * @param difference  the second rate minus the first
 * @param z           the pooled z statistic; 0 when both arms have the same rate and nothing varies
 * @param pValue      two-sided
 * @param low         the 95% interval of the difference, lower end
 * @param high        upper end
 * @param significant {@code pValue < 0.05} and both arms have at least {@link #MIN_SAMPLE} messages sent (below that the
 *                    normal approximation is not to be trusted)
 */
public record TwoProportions(double difference, double z, double pValue, double low, double high, boolean significant) {

    public static final int MIN_SAMPLE = 30;
    public static final double ALPHA = 0.05;
    /** The normal quantile of 97.5%: a two-sided 95% interval. */
    static final double Z_975 = 1.959963984540054;

    /**
     * @param x1 successes of the first arm (the baseline) out of {@code n1}
     * @param x2 successes of the second arm out of {@code n2}
     */
    public static TwoProportions of(long x1, long n1, long x2, long n2) {
        if (n1 <= 0 || n2 <= 0 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) {
            throw new IllegalArgumentException("counts out of range: " + x1 + "/" + n1 + ", " + x2 + "/" + n2);
        }
        double p1 = (double) x1 / n1;
        double p2 = (double) x2 / n2;
        double pooled = (double) (x1 + x2) / (n1 + n2);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
        // se is 0 only when both arms are all successes or all failures: the same rate, no evidence of a difference
        double z = se == 0 ? 0 : (p2 - p1) / se;
        double p = erfc(Math.abs(z) / Math.sqrt(2));
        double seDiff = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        double d = p2 - p1;
        return new TwoProportions(d, z, Math.min(1, p), d - Z_975 * seDiff, d + Z_975 * seDiff,
                p < ALPHA && n1 >= MIN_SAMPLE && n2 >= MIN_SAMPLE);
    }

    /** The standard normal distribution function. */
    public static double normalCdf(double z) {
        return 0.5 * erfc(-z / Math.sqrt(2));
    }

    /**
     * The complementary error function, to about 1e-15 relative for x up to 3 and better than 1e-12 beyond: for
     * |x| < 3 from the series erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)), whose terms are all positive (no
     * cancellation); from 3 on from the continued fraction erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))),
     * which keeps a tail p-value's relative accuracy where 1 − erf(x) would lose it.
     */
    public static double erfc(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return 2 - erfc(-x);
        }
        if (x < 3) {
            double term = x;
            double sum = x;
            for (int n = 1; n < 500 && term > sum * 1e-17; n++) {
                term *= 2 * x * x / (2 * n + 1);
                sum += term;
            }
            return 1 - 2 / Math.sqrt(Math.PI) * Math.exp(-x * x) * sum;
        }
        if (x > 27) {
            return 0; // below the smallest double
        }
        // evaluated from the tail up: the k-th partial numerator is k/2
        double f = x;
        for (int k = 80; k >= 1; k--) {
            f = x + (k / 2.0) / f;
        }
        return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
    }
}
