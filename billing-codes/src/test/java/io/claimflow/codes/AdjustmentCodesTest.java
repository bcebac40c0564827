package io.claimflow.codes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AdjustmentCodesTest {

    final AdjustmentCodes codes = AdjustmentCodes.shipped();

    @ParameterizedTest(name = "CARC {0} -> {1}")
    @CsvSource({
        "4, CODING",
        "8, CODING",
        "11, CODING",
        "97, CODING",
        "236, CODING",
        "B15, CODING",
        "22, ELIGIBILITY",
        "27, ELIGIBILITY",
        "51, ELIGIBILITY",
        "109, ELIGIBILITY",
        "242, ELIGIBILITY",
        "15, AUTHORIZATION",
        "197, AUTHORIZATION",
        "288, AUTHORIZATION",
        "18, DUPLICATE",
        "29, TIMELY_FILING",
        "16, MISSING_INFORMATION",
        "252, MISSING_INFORMATION",
        "50, MEDICAL_NECESSITY",
        "40, MEDICAL_NECESSITY",
        "167, MEDICAL_NECESSITY",
        "96, OTHER",
        "A1, OTHER",
        "ZZ9, OTHER",
        "1, PATIENT_RESPONSIBILITY",
        "3, PATIENT_RESPONSIBILITY",
        "23, CONTRACTUAL",
        "45, CONTRACTUAL",
        "59, CONTRACTUAL",
        "253, CONTRACTUAL"
    })
    void eachCarcHasOneCategory(String carc, DenialCategory category) {
        assertThat(codes.categoryOfCarc(carc)).isEqualTo(category);
    }

    @Test
    void theCategoryOfHighestPrecedenceWins() {
        assertThat(codes.denialCategory(List.of("11", "18"), List.of())).isEqualTo(DenialCategory.DUPLICATE);
        assertThat(codes.denialCategory(List.of("16", "29"), List.of())).isEqualTo(DenialCategory.TIMELY_FILING);
        assertThat(codes.denialCategory(List.of("11", "27"), List.of())).isEqualTo(DenialCategory.ELIGIBILITY);
        assertThat(codes.denialCategory(List.of("197", "11"), List.of())).isEqualTo(DenialCategory.AUTHORIZATION);
        assertThat(codes.denialCategory(List.of("50", "16"), List.of())).isEqualTo(DenialCategory.MEDICAL_NECESSITY);
        assertThat(codes.denialCategory(List.of("45", "96"), List.of())).isEqualTo(DenialCategory.OTHER);
    }

    @Test
    void remarkCodesSharpenOnlyVagueDenials() {
        assertThat(codes.denialCategory(List.of("16"), List.of("M76"))).isEqualTo(DenialCategory.CODING);
        assertThat(codes.denialCategory(List.of("96"), List.of("N30"))).isEqualTo(DenialCategory.ELIGIBILITY);
        assertThat(codes.denialCategory(List.of(), List.of("N54"))).isEqualTo(DenialCategory.AUTHORIZATION);
        assertThat(codes.denialCategory(List.of("50"), List.of("M76"))).isEqualTo(DenialCategory.MEDICAL_NECESSITY);
        assertThat(codes.denialCategory(List.of("16"), List.of("MA130"))).isEqualTo(DenialCategory.MISSING_INFORMATION);
        assertThat(codes.denialCategory(List.of(), List.of("N999"))).isEqualTo(DenialCategory.OTHER);
    }

    @Test
    void notDenialsAreSkipped() {
        assertThat(codes.isDenial("45")).isFalse();
        assertThat(codes.isDenial("2")).isFalse();
        assertThat(codes.isDenial("96")).isTrue();
        assertThat(codes.isDenial("ZZ9")).isTrue();
    }

    @Test
    void everyCodeIsDescribedAndEveryDenialCategoryHasCarcs() {
        assertThat(codes.carcs()).hasSizeGreaterThan(60);
        assertThat(codes.rarcs()).hasSizeGreaterThan(15);
        codes.carcs()
                .values()
                .forEach(c -> assertThat(c.description()).as(c.code()).isNotBlank());
        codes.rarcs()
                .values()
                .forEach(c -> assertThat(c.description()).as(c.code()).isNotBlank());
        for (DenialCategory category : DenialCategory.values()) {
            assertThat(codes.carcs().values().stream().anyMatch(c -> c.category() == category))
                    .as(category.name())
                    .isTrue();
        }
    }

    @Test
    void aCodeListedTwiceIsRefused() {
        String csv = "kind,code,category,description\nCARC,4,CODING,a\nCARC,4,OTHER,b\n";
        assertThatThrownBy(() -> AdjustmentCodes.read(new StringReader(csv)))
                .hasMessageContaining("CARC 4 is listed twice");
    }
}
