package io.claimflow.claim.workitem;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.claim.model.ClaimStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** "Every open balance has a work item", state by state. */
class OpenBalanceWorkTest {

    @ParameterizedTest
    @EnumSource(ClaimStatus.class)
    void everyStateThatCanHoldAnOpenBalanceIsWorkedOnAList(ClaimStatus status) {
        if (status.canHaveOpenBalance()) {
            assertThat(OpenBalanceWork.of(status))
                    .as(status + " holds money: which list works it?")
                    .isNotEmpty();
        } else {
            // closed, written off, superseded, settled or billed to the patient: nothing open to work with a payer
            assertThat(status)
                    .isIn(
                            ClaimStatus.CLOSED,
                            ClaimStatus.WRITTEN_OFF,
                            ClaimStatus.PAID,
                            ClaimStatus.REPLACED,
                            ClaimStatus.VOIDED,
                            ClaimStatus.BILLED_TO_PATIENT);
        }
    }

    @ParameterizedTest
    @EnumSource(ClaimStatus.class)
    void everyStateAClaimCanMoveToIsWorkedOrHasNothingOpen(ClaimStatus status) {
        for (ClaimStatus next : status.next()) {
            assertThat(!next.canHaveOpenBalance() || !OpenBalanceWork.of(next).isEmpty())
                    .as(status + " -> " + next)
                    .isTrue();
        }
    }
}
