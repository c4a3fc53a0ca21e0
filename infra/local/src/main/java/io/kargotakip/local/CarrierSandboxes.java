package io.kargotakip.local;

import io.kargotakip.emulators.CarrierSandbox;
import io.kargotakip.emulators.amazon.AmazonSandbox;
import io.kargotakip.emulators.aras.ArasSandbox;
import io.kargotakip.emulators.dhl.DhlSandbox;
import io.kargotakip.emulators.hepsiburada.HepsiburadaSandbox;
import io.kargotakip.emulators.hepsijet.HepsijetSandbox;
import io.kargotakip.emulators.mng.MngSandbox;
import io.kargotakip.emulators.ptt.PttSandbox;
import io.kargotakip.emulators.surat.SuratSandbox;
import io.kargotakip.emulators.trendyol.TrendyolSandbox;
import io.kargotakip.emulators.ups.UpsSandbox;
import io.kargotakip.emulators.yurtici.YurticiSandbox;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A local stand-in for every carrier and marketplace with an API, each a WireMock server in its published
 * format; the functions are pointed at them as the merchant's configuration points them at the real ones.
 */
public final class CarrierSandboxes implements AutoCloseable {

    private final Map<Class<? extends CarrierSandbox>, CarrierSandbox> sandboxes = new LinkedHashMap<>();

    public CarrierSandboxes() {
        try {
            for (CarrierSandbox s : new CarrierSandbox[] {new UpsSandbox(), new YurticiSandbox(), new ArasSandbox(), new MngSandbox(),
                    new SuratSandbox(), new PttSandbox(), new HepsijetSandbox(), new AmazonSandbox(), new DhlSandbox(),
                    new TrendyolSandbox(), new HepsiburadaSandbox()}) {
                sandboxes.put(s.getClass(), s);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public <T extends CarrierSandbox> T get(Class<T> type) {
        return type.cast(sandboxes.get(type));
    }

    /** Base URLs and credentials of every sandbox, as configuration names. */
    public Map<String, String> settings() {
        Map<String, String> settings = new HashMap<>();
        sandboxes.values().forEach(s -> settings.putAll(s.settings()));
        return settings;
    }

    /** Calls every sandbox received, by carrier id. */
    public Map<String, Integer> calls() {
        Map<String, Integer> calls = new LinkedHashMap<>();
        sandboxes.values().forEach(s -> calls.put(s.carrier(), s.totalCalls()));
        return calls;
    }

    @Override
    public void close() {
        sandboxes.values().forEach(CarrierSandbox::close);
    }
}
