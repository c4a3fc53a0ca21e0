package io.kargotakip.local;

import io.kargotakip.core.carrier.CarrierAdapter;
import io.kargotakip.core.carrier.CarrierProfile;
import io.kargotakip.core.carrier.CarrierRegistry;
import io.kargotakip.core.carrier.CarrierSettings;
import io.kargotakip.core.marketplace.MarketplaceAdapter;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.Function;

/**
 * {@code ./kargo carriers}: every carrier and marketplace on the classpath with what it supports — poll, push,
 * keys per call, rate limit, auth, what its shipments are keyed by — and whether this environment configures it
 * (the {@code KARGO_CARRIER_<ID>_*} settings it needs, named when missing).
 */
final class CarrierList {

    private CarrierList() {
    }

    static int print(CarrierRegistry registry, Function<String, String> env, PrintStream out) {
        for (String id : registry.ids()) {
            CarrierAdapter adapter = registry.find(id).orElseThrow();
            CarrierProfile p = adapter.profile();
            CarrierSettings settings = new CarrierSettings(id, env::apply);
            CarrierProfile.RateLimit rate = p.rateLimit().overriddenBy(settings);
            String kind = adapter instanceof MarketplaceAdapter m ? (m.carriesParcels() ? "carrier and marketplace" : "marketplace")
                    : id.equals("manual") ? "status upload" : "carrier";
            out.println(id + " — " + adapter.displayName() + " (" + kind + ")");
            out.println("  poll:       " + p.poll().orElse("—"));
            out.println("  push:       " + p.push().orElse("—"));
            if (p.pollable()) {
                out.println("  batch:      " + p.batchSize() + (p.batchSize() == 1 ? " key a call" : " keys a call"));
                out.println("  rate limit: " + rate(rate));
                out.println("  auth:       " + p.auth());
            }
            out.println("  keyed by:   " + p.keyedBy());
            out.println("  link:       " + adapter.trackingLink("NUMBER").map(l -> l.replace("NUMBER", "{number}")).orElse("—"));
            out.println("  detected:   " + adapter.trackingNumberFormat().map(f -> "numbers matching " + f.pattern()).orElse("—"));
            if (p.pollable()) {
                out.println("  configured: " + (p.configured(settings) ? "yes, polled"
                        : "no, not polled; set " + String.join(", ", p.missing(settings))));
            }
        }
        return 0;
    }

    static String rate(CarrierProfile.RateLimit rate) {
        String perSecond = rate.perSecond() >= 1 ? String.format(Locale.ROOT, "%.0f/s", rate.perSecond())
                : String.format(Locale.ROOT, "%.0f/min", rate.perSecond() * 60);
        return perSecond + (rate.perDay() > 0 ? ", " + rate.perDay() + "/day" : "");
    }
}
