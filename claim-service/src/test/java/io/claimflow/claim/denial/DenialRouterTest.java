package io.claimflow.claim.denial;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.denial.DenialRouter.Route;
import io.claimflow.codes.DenialCategory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DenialRouterTest {

    final DenialRouter router = new DenialRouter(CarcTable.shipped());

    static DenialNotice denial(String group, String carc, List<String> rarcs, String reported) {
        return new DenialNotice(
                "e1",
                Instant.now(),
                "enc-1",
                "t",
                "clm-1",
                false,
                "BKHP1",
                "2026090123456",
                reported,
                List.of(new AdjustmentCode(group, carc, new BigDecimal("45.00"))),
                rarcs,
                List.of(),
                null,
                List.of(2));
    }

    @ParameterizedTest
    @CsvSource({
        "4,CODING,RECODE",
        "11,CODING,RECODE",
        "97,CODING,RECODE",
        "16,MISSING_INFORMATION,BILLER_WORK_LIST",
        "18,DUPLICATE,CLOSE_DUPLICATE",
        "22,ELIGIBILITY,BILLER_WORK_LIST",
        "27,ELIGIBILITY,BILLER_WORK_LIST",
        "109,ELIGIBILITY,BILLER_WORK_LIST",
        "204,ELIGIBILITY,BILLER_WORK_LIST",
        "242,ELIGIBILITY,BILLER_WORK_LIST",
        "29,TIMELY_FILING,BILLER_WORK_LIST",
        "197,AUTHORIZATION,BILLER_WORK_LIST",
        "50,MEDICAL_NECESSITY,APPEAL_QUEUE",
        "96,OTHER,BILLER_WORK_LIST"
    })
    void commonCarcsAreCategorizedAndRouted(String carc, DenialCategory category, Route route) {
        DenialRouter.Decision decision = router.route(denial("CO", carc, List.of(), "OTHER"), 0, 2);

        assertThat(decision.category()).isEqualTo(category);
        assertThat(decision.route()).isEqualTo(route);
        assertThat(decision.reason()).contains("CO-" + carc);
    }

    @Test
    void contractualCarc45IsNotADenial() {
        assertThat(CarcTable.shipped().categorize(List.of(new AdjustmentCode("CO", "45", BigDecimal.TEN)), List.of()))
                .isEmpty();
    }

    @Test
    void codingDenialsStopGoingBackToCodingAtTheLimit() {
        assertThat(router.route(denial("CO", "11", List.of(), "CODING"), 1, 2).route())
                .isEqualTo(Route.RECODE);
        assertThat(router.route(denial("CO", "11", List.of(), "CODING"), 2, 2).route())
                .isEqualTo(Route.RECODE_LIMIT_REACHED);
    }

    @Test
    void missingInformationIsSharpenedByItsRemarkCode() {
        assertThat(router.categorize(denial("CO", "16", List.of("M76"), "MISSING_INFORMATION")))
                .isEqualTo(DenialCategory.CODING);
    }

    @Test
    void eligibilityWinsOverCodingWhenBothApply() {
        DenialNotice both = new DenialNotice(
                "e1",
                Instant.now(),
                "enc-1",
                "t",
                "clm-1",
                false,
                "P",
                "1",
                "CODING",
                List.of(new AdjustmentCode("CO", "11", BigDecimal.ONE), new AdjustmentCode("CO", "27", BigDecimal.ONE)),
                List.of(),
                List.of(),
                null,
                List.of());

        assertThat(router.categorize(both)).isEqualTo(DenialCategory.ELIGIBILITY);
    }

    @Test
    void unknownCodesFallBackToTheGatewaysCategory() {
        assertThat(router.categorize(denial("CO", "B7", List.of(), "AUTHORIZATION")))
                .isEqualTo(DenialCategory.AUTHORIZATION);
        DenialNotice noCodes = new DenialNotice(
                "e1",
                Instant.now(),
                "enc-1",
                "t",
                "clm-1",
                false,
                "P",
                "1",
                "AUTHORIZATION",
                List.of(),
                List.of(),
                List.of(),
                null,
                List.of());
        assertThat(router.categorize(noCodes)).isEqualTo(DenialCategory.AUTHORIZATION);
    }

    @Test
    void frontEndRejectionsGoToFixAndResubmit() {
        DenialNotice rejected = new DenialNotice(
                "e1",
                Instant.now(),
                "enc-1",
                "t",
                "clm-1",
                true,
                "P",
                null,
                "MISSING_INFORMATION",
                List.of(),
                List.of(),
                List.of("A7:562:85"),
                null,
                List.of());

        DenialRouter.Decision decision = router.route(rejected, 0, 2);

        assertThat(decision.route()).isEqualTo(Route.FIX_AND_RESUBMIT);
        assertThat(decision.reason()).contains("A7:562:85");
    }
}
