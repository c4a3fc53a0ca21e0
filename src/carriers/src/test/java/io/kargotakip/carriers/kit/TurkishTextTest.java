package io.kargotakip.carriers.kit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TurkishTextTest {

    @Test
    void everyWayOfWritingTheSameWordsFoldsTheSame() {
        assertThat(TurkishText.fold("TESLİM EDİLDİ")).isEqualTo("teslim edildi");
        assertThat(TurkishText.fold("teslim edildi")).isEqualTo("teslim edildi");
        assertThat(TurkishText.fold("Teslim Edildi")).isEqualTo("teslim edildi");
        assertThat(TurkishText.fold("TESLIM EDILDI")).isEqualTo("teslim edildi");
        assertThat(TurkishText.fold("teslım edıldı")).isEqualTo("teslim edildi");
    }

    @Test
    void dottedAndDotlessIAreOneLetter() {
        // the root locale would turn İ into "i" plus a combining dot; the Turkish one would turn I into ı
        assertThat(TurkishText.fold("İ")).isEqualTo("i").hasSize(1);
        assertThat(TurkishText.fold("I")).isEqualTo("i");
        assertThat(TurkishText.fold("ı")).isEqualTo("i");
        assertThat(TurkishText.fold("I\u0307ADE")).isEqualTo("iade"); // İ written as I + combining dot
        assertThat(TurkishText.fold("KAPALI")).isEqualTo(TurkishText.fold("kapalı"));
    }

    @Test
    void turkishAccentsFoldToTheirBaseLetters() {
        assertThat(TurkishText.fold("ÇĞÖŞÜ çğöşü")).isEqualTo("cgosu cgosu");
        assertThat(TurkishText.fold("DAĞITIMA ÇIKTI")).isEqualTo("dagitima cikti");
        assertThat(TurkishText.fold("Kâğıt hâlâ")).isEqualTo("kagit hala");
        // already-decomposed input (ş as s + combining cedilla) folds the same
        assertThat(TurkishText.fold("s\u0327ube")).isEqualTo("sube");
    }

    @Test
    void punctuationAndSpacingDoNotMatter() {
        assertThat(TurkishText.fold("  Teslim   Edildi. ")).isEqualTo("teslim edildi");
        assertThat(TurkishText.fold("ADRES-HATALI/EKSİK")).isEqualTo("adres hatali eksik");
        assertThat(TurkishText.fold("Kargo\tKabul\n")).isEqualTo("kargo kabul");
        assertThat(TurkishText.fold("")).isEmpty();
        assertThat(TurkishText.fold(null)).isEmpty();
        assertThat(TurkishText.fold("...")).isEmpty();
    }
}
