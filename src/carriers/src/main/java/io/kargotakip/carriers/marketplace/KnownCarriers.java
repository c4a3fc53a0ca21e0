package io.kargotakip.carriers.marketplace;

import java.util.Set;

/**
 * The carrier ids a marketplace package may be carried by: the carriers Kargo Takip tracks. A marketplace's
 * {@code carriers.csv} may only name these (a typo there fails the load, it does not create a carrier), and a
 * marketplace's events belong to one of them.
 */
public final class KnownCarriers {

    public static final Set<String> IDS = Set.of("yurtici", "aras", "mng", "surat", "ptt", "hepsijet", "trendyol-express",
            "ups", "dhl", "amazon");

    private KnownCarriers() {
    }
}
