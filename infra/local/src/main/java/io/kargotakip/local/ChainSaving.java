package io.kargotakip.local;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the fallback chain saved in the demo: the fees recorded for the messages it sent, against one SMS for every
 * notification that reached its customer (the same reach, SMS only). The messages of one chain (a first message and
 * its fallbacks, linked by their {@code chain}) are one notification to one customer.
 */
final class ChainSaving {

    /**
     * One stored message.
     *
     * @param chain  the earlier messages of its chain
     * @param feeUsd the fee recorded when it was sent; null when it was not sent
     * @param sent   whether it went out (the provider took it): its notification reached the customer
     */
    record Message(String id, List<String> chain, String channel, BigDecimal feeUsd, boolean sent) {
    }

    /** @param reached notifications (chains) that reached their customer */
    record Result(BigDecimal withChain, BigDecimal smsForEveryone, long reached) {

        /** The one line the demo prints. */
        String line() {
            String verdict;
            if (smsForEveryone.signum() == 0) {
                verdict = "nothing to compare";
            } else {
                BigDecimal share = BigDecimal.ONE.subtract(withChain.divide(smsForEveryone, 6, RoundingMode.HALF_UP)).movePointRight(2)
                        .setScale(0, RoundingMode.HALF_UP);
                verdict = share.signum() >= 0 ? "saved " + share.toPlainString() + "%" : "cost " + share.negate().toPlainString() + "% more";
            }
            return String.format(Locale.ROOT, "messaging: $%.4f with the fallback chain vs $%.4f if every reached customer got SMS (%s)",
                    withChain, smsForEveryone, verdict);
        }
    }

    private ChainSaving() {
    }

    /** @param smsFee one SMS (one part) to the customers' country, from the fee table */
    static Result of(Collection<Message> messages, BigDecimal smsFee) {
        Map<String, String> parent = new HashMap<>();
        BigDecimal spent = BigDecimal.ZERO;
        for (Message m : messages) {
            find(parent, m.id());
            for (String earlier : m.chain()) {
                union(parent, m.id(), earlier);
            }
            if (m.feeUsd() != null) {
                spent = spent.add(m.feeUsd());
            }
        }
        Set<String> reached = new HashSet<>();
        for (Message m : messages) {
            if (m.sent()) {
                reached.add(find(parent, m.id()));
            }
        }
        return new Result(spent, smsFee.multiply(BigDecimal.valueOf(reached.size())), reached.size());
    }

    private static String find(Map<String, String> parent, String id) {
        String p = parent.computeIfAbsent(id, k -> k);
        if (p.equals(id)) {
            return id;
        }
        String root = find(parent, p);
        parent.put(id, root);
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(ra, rb);
        }
    }
}
