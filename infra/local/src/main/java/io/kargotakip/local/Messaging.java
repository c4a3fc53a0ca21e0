package io.kargotakip.local;

import io.kargotakip.core.channel.ChannelFees;
import io.kargotakip.core.notification.FallbackChain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one notification costs in provider fees when it goes down a fallback chain: every customer gets the first step;
 * the share who did not read it by the next step's time get the next one; and so on. The last step goes to everyone
 * still unread, so the chain reaches everyone that SMS for everyone would (the same reach). Turkish recipients.
 */
final class Messaging {

    private Messaging() {
    }

    /** @param shares how many messages of each channel one notification takes (1.0 for the first) */
    record Spend(FallbackChain chain, Map<String, Double> shares, double usd) {

        String describe() {
            List<String> steps = new ArrayList<>();
            chain.steps().forEach(s -> steps.add(s.channel() + (s.after().isZero() ? "" : "@" + s.after().toHours() + "h")));
            return String.join(", ", steps);
        }

        String messagesDescribed() {
            List<String> parts = new ArrayList<>();
            shares.forEach((channel, share) -> parts.add(String.format(Locale.ROOT, "%.2f %s", share, channel)));
            return String.join(" + ", parts) + String.format(Locale.ROOT, " = $%.5f", usd);
        }
    }

    /**
     * @param read  per channel, the share of the customers a step reaches who read it before the next step (a missing one: 0)
     * @throws IllegalArgumentException when a share is not between 0 and 1
     */
    static Spend chain(FallbackChain chain, Map<String, Double> read, ChannelFees fees, double smsParts) {
        Map<String, Double> shares = new java.util.LinkedHashMap<>();
        double unread = 1;
        double usd = 0;
        for (FallbackChain.Step step : chain.steps()) {
            double r = read.getOrDefault(step.channel(), 0.0);
            if (r < 0 || r > 1) {
                throw new IllegalArgumentException("chain_read_" + step.channel() + " must be between 0 and 1, not " + r);
            }
            shares.put(step.channel(), unread);
            usd += unread * perMessage(fees, step.channel(), smsParts);
            unread *= 1 - r;
        }
        return new Spend(chain, shares, usd);
    }

    /** One message's fee to a Turkish recipient: SMS by its parts, WhatsApp as a template (the sender's case). */
    static double perMessage(ChannelFees fees, String channel, double smsParts) {
        ChannelFees.Unit unit = switch (channel) {
            case "sms" -> ChannelFees.Unit.SEGMENT;
            case "whatsapp" -> ChannelFees.Unit.TEMPLATE;
            default -> ChannelFees.Unit.MESSAGE;
        };
        return fees.find(channel, unit, "+90")
                .or(() -> fees.find(channel, ChannelFees.Unit.MESSAGE, "+90"))
                .map(r -> r.usd().doubleValue() * (r.unit() == ChannelFees.Unit.SEGMENT ? smsParts : 1))
                .orElseThrow(() -> new IllegalArgumentException("the fee table " + fees.origin() + " has no row for " + channel));
    }

    static BigDecimal smsPerMessage(ChannelFees fees) {
        return fees.find("sms", ChannelFees.Unit.SEGMENT, "+90").map(ChannelFees.Row::usd)
                .orElseThrow(() -> new IllegalArgumentException("the fee table " + fees.origin() + " has no SMS row"));
    }
}
