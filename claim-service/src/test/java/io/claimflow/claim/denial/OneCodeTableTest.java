package io.claimflow.claim.denial;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.codes.AdjustmentCodes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The category adjudication-gateway puts on ClaimDenied ({@link AdjustmentCodes#denialCategory}, which its
 * DenialCategories calls) and the category claim-service routes on are the same for every code of the one table and
 * for every pair of codes (precedence), so a denial can no longer arrive as one category and be worked as another.
 */
class OneCodeTableTest {

    final AdjustmentCodes codes = AdjustmentCodes.shipped();
    final DenialRouter router = new DenialRouter(CarcTable.shipped());

    @Test
    void routingCategoryIsTheClaimDeniedCategoryForEveryCarcAndPairOfCarcs() {
        List<String> carcs =
                codes.carcs().keySet().stream().filter(codes::isDenial).sorted().toList();
        List<String> disagreements = new ArrayList<>();
        for (String first : carcs) {
            for (String second : carcs) {
                List<String> pair = first.equals(second) ? List.of(first) : List.of(first, second);
                check(pair, List.of(), disagreements);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void routingCategoryIsTheClaimDeniedCategoryForEveryRemarkCode() {
        List<String> disagreements = new ArrayList<>();
        for (String rarc : codes.rarcs().keySet()) {
            for (String carc : List.of("16", "96", "50", "11", "27")) {
                check(List.of(carc), List.of(rarc), disagreements);
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void notDenialsOfTheTableAreNotDenialsForClaimService() {
        codes.carcs().values().stream()
                .filter(c -> !c.category().isDenial())
                .forEach(c -> assertThat(CarcTable.shipped()
                                .categorize(List.of(new AdjustmentCode("CO", c.code(), BigDecimal.TEN)), List.of()))
                        .as(c.code())
                        .isEmpty());
    }

    private void check(List<String> carcs, List<String> rarcs, List<String> disagreements) {
        String onClaimDenied = codes.denialCategory(carcs, rarcs).name();
        DenialNotice notice = new DenialNotice(
                "e1",
                Instant.now(),
                "enc-1",
                "t",
                "clm-1",
                false,
                "P",
                "1",
                onClaimDenied,
                carcs.stream()
                        .map(c -> new AdjustmentCode("CO", c, BigDecimal.TEN))
                        .toList(),
                rarcs,
                List.of(),
                null,
                List.of());
        String routed = router.categorize(notice).name();
        if (!routed.equals(onClaimDenied)) {
            disagreements.add(carcs + " " + rarcs + ": ClaimDenied " + onClaimDenied + ", routed " + routed);
        }
    }
}
