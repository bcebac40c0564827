package io.claimflow.coding.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImmunizationsTest {

    @Test
    void oneVaccineIs90471AndEachMoreIs90472() {
        assertThat(Immunizations.administration(List.of("90700"), false)).isEqualTo(Map.of("90471", 1));
        assertThat(Immunizations.administration(List.of("90700", "90713", "90744"), false))
                .containsExactly(Map.entry("90471", 1), Map.entry("90472", 2));
    }

    @Test
    void medicarePaysInfluenzaPneumococcalAndHepatitisBWithGCodes() {
        assertThat(Immunizations.administration(List.of("90656", "90670", "90746", "90715"), true))
                .containsExactly(
                        Map.entry("G0008", 1), Map.entry("G0009", 1), Map.entry("G0010", 1), Map.entry("90471", 1));
        // other payers: the CPT codes
        assertThat(Immunizations.administration(List.of("90656", "90670"), false))
                .containsExactly(Map.entry("90471", 1), Map.entry("90472", 1));
    }

    @Test
    void covid19VaccinesHaveTheirOwnAdministrationCode() {
        assertThat(Immunizations.administration(List.of("91320", "90656"), false))
                .containsExactly(Map.entry("90480", 1), Map.entry("90471", 1));
    }

    @Test
    void theInfluenzaRangeLeavesOutTheOtherVaccinesBetween90630And90689() {
        assertThat(Immunizations.influenza("90656")).isTrue();
        assertThat(Immunizations.influenza("90686")).isTrue();
        assertThat(List.of("90632", "90633", "90647", "90649", "90670", "90681"))
                .noneMatch(Immunizations::influenza);
    }
}
