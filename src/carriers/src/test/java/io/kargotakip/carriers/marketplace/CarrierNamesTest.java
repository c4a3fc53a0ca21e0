package io.kargotakip.carriers.marketplace;

import io.kargotakip.carriers.kit.MappingTable.MappingTableException;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CarrierNamesTest {

    private static final String HEADER = "kind,value,carrier,basis,note\n";
    private static final Set<String> KINDS = Set.of("name", "domain");

    private static CarrierNames parse(String rows) throws Exception {
        return CarrierNames.parse("market", KINDS, new StringReader(HEADER + rows));
    }

    @Test
    void namesMatchFoldedAndDomainsMatchTheirSubDomains() throws Exception {
        CarrierNames names = parse("name,Yurtiçi Kargo,yurtici,doc,\nname,Horoz Lojistik,,doc,\ndomain,yurticikargo.com,yurtici,inf,\n");

        assertThat(names.find("name", "YURTICI  kargo")).get().extracting(CarrierNames.Row::carrier).isEqualTo("yurtici");
        assertThat(names.find("name", "Horoz Lojistik")).get().satisfies(r -> assertThat(r.tracked()).isFalse());
        assertThat(names.find("name", "Zeplin")).isEmpty();
        assertThat(names.find("domain", "Yurtiçi Kargo")).isEmpty();
        assertThat(names.findDomain("domain", "selfservis.yurticikargo.com")).get().extracting(CarrierNames.Row::carrier).isEqualTo("yurtici");
        assertThat(names.findDomain("domain", "yurticikargo.com")).isPresent();
        assertThat(names.findDomain("domain", "notyurticikargo.com")).isEmpty();
        assertThat(names.findDomain("domain", "yurticikargo.com.evil.example")).isEmpty();
        assertThat(names.findDomain("domain", null)).isEmpty();
    }

    @Test
    void badRowsFailTheLoad() {
        assertThatThrownBy(() -> parse("name,Yurtiçi,yurtiçi,doc,\n")).isInstanceOf(MappingTableException.class)
                .hasMessageContaining("unknown carrier id");
        assertThatThrownBy(() -> parse("code,YKMP,yurtici,doc,\n")).isInstanceOf(MappingTableException.class)
                .hasMessageContaining("kind must be one of");
        assertThatThrownBy(() -> parse("name,Yurtiçi,yurtici,doc,\nname,YURTICI,aras,doc,\n")).isInstanceOf(MappingTableException.class)
                .hasMessageContaining("row 2").hasMessageContaining("repeats another");
        assertThatThrownBy(() -> parse("name,Yurtiçi,yurtici,guess,\n")).isInstanceOf(MappingTableException.class)
                .hasMessageContaining("basis");
        assertThatThrownBy(() -> parse("name, ,yurtici,doc,\n")).isInstanceOf(MappingTableException.class)
                .hasMessageContaining("value is required");
        assertThatThrownBy(() -> CarrierNames.parse("market", KINDS, new StringReader("kind,value,carrier\n")))
                .isInstanceOf(MappingTableException.class).hasMessageContaining("header");
    }

    @Test
    void theShippedFilesLoad() {
        for (String marketplace : new String[] {"trendyol", "hepsiburada"}) {
            CarrierNames names = CarrierNames.load(marketplace, marketplace.equals("trendyol") ? Set.of("name", "code") : KINDS);
            assertThat(names.rows()).as(marketplace).isNotEmpty();
            assertThat(names.rows()).as(marketplace).filteredOn(CarrierNames.Row::tracked)
                    .allSatisfy(r -> assertThat(KnownCarriers.IDS).contains(r.carrier()));
        }
    }
}
