package io.claimflow.adjudication.claim;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.codes.AdjustmentCodes;
import io.claimflow.codes.DenialCategory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CARC / RARC / claim status code to denial category table. */
class DenialCategoriesTest {

    @ParameterizedTest(name = "CARC {0} -> {1}")
    @CsvSource({
        "11, CODING",
        "4, CODING",
        "97, CODING",
        "236, CODING",
        "27, ELIGIBILITY",
        "26, ELIGIBILITY",
        "31, ELIGIBILITY",
        "197, AUTHORIZATION",
        "15, AUTHORIZATION",
        "18, DUPLICATE",
        "29, TIMELY_FILING",
        "16, MISSING_INFORMATION",
        "252, MISSING_INFORMATION",
        "50, MEDICAL_NECESSITY",
        "167, MEDICAL_NECESSITY",
        "96, OTHER",
        "45, OTHER"
    })
    void carc(String carc, DenialCategory category) {
        assertThat(DenialCategories.ofRemittance(List.of(carc), List.of())).isEqualTo(category);
    }

    @Test
    void precedenceDecidesBetweenCodes() {
        assertThat(DenialCategories.ofRemittance(List.of("11", "18"), List.of()))
                .isEqualTo(DenialCategory.DUPLICATE);
        assertThat(DenialCategories.ofRemittance(List.of("16", "29"), List.of()))
                .isEqualTo(DenialCategory.TIMELY_FILING);
        assertThat(DenialCategories.ofRemittance(List.of("197", "11"), List.of()))
                .isEqualTo(DenialCategory.AUTHORIZATION);
    }

    @Test
    void remarkCodesSharpenAVagueCarcOrDecideWhenNoCarcDoes() {
        assertThat(DenialCategories.ofRemittance(List.of("96"), List.of("M76"))).isEqualTo(DenialCategory.CODING);
        assertThat(DenialCategories.ofRemittance(List.of("16"), List.of("M76"))).isEqualTo(DenialCategory.CODING);
        assertThat(DenialCategories.ofRemittance(List.of("50"), List.of("M76")))
                .isEqualTo(DenialCategory.MEDICAL_NECESSITY);
        assertThat(DenialCategories.ofRemittance(List.of(), List.of("N54"))).isEqualTo(DenialCategory.AUTHORIZATION);
        assertThat(DenialCategories.ofRemittance(List.of(), List.of("N999"))).isEqualTo(DenialCategory.OTHER);
    }

    @Test
    void frontEndRejections() {
        assertThat(DenialCategories.ofClaimStatus(List.of("33"))).isEqualTo(DenialCategory.ELIGIBILITY);
        assertThat(DenialCategories.ofClaimStatus(List.of("562"))).isEqualTo(DenialCategory.MISSING_INFORMATION);
        assertThat(DenialCategories.ofClaimStatus(List.of("1"))).isEqualTo(DenialCategory.OTHER);
        assertThat(DenialCategories.ofSyntaxErrors(List.of("3"))).isEqualTo(DenialCategory.MISSING_INFORMATION);
        assertThat(DenialCategories.ofSyntaxErrors(List.of())).isEqualTo(DenialCategory.OTHER);
    }

    @Test
    void theCategoryOnClaimDeniedIsTheSharedTablesForEveryCarcPairAndRemarkCode() {
        AdjustmentCodes codes = AdjustmentCodes.shipped();
        List<String> carcs =
                codes.carcs().keySet().stream().filter(codes::isDenial).sorted().toList();
        List<String> disagreements = new ArrayList<>();
        for (String first : carcs) {
            for (String second : carcs) {
                List<String> pair = List.of(first, second);
                if (!DenialCategories.ofRemittance(pair, List.of())
                        .name()
                        .equals(codes.denialCategory(pair, List.of()).name())) {
                    disagreements.add(pair.toString());
                }
            }
        }
        for (String rarc : codes.rarcs().keySet()) {
            for (String carc : List.of("16", "96", "50")) {
                if (!DenialCategories.ofRemittance(List.of(carc), List.of(rarc))
                        .name()
                        .equals(codes.denialCategory(List.of(carc), List.of(rarc))
                                .name())) {
                    disagreements.add(carc + "+" + rarc);
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void notDenialsAreTheSharedTablesContractualAndPatientCodes() {
        assertThat(DenialCategories.NOT_DENIALS)
                .contains("1", "2", "3", "45", "253", "23", "59")
                .doesNotContain("96");
    }
}
