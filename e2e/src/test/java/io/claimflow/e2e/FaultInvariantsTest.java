package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.e2e.FaultInvariants.CurrentClaim;
import io.claimflow.e2e.FaultInvariants.Outcomes;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The fault suites' lost / duplicated / finished counts on constructed rows: a visit billed to two payers (the
 * secondary's claim beside the primary's, payer_sequence 2) is not a duplicate; a visit sent twice to one payer is.
 */
class FaultInvariantsTest {

    static final CurrentClaim PRIMARY = new CurrentClaim("enc-1", "MCROH", "1EG4TE5MK73", "CLOSED");
    static final CurrentClaim SECONDARY = new CurrentClaim("enc-1", "BKHP1", "BHP600000001", "CLOSED");

    static Outcomes outcomes(Map<String, String> versions, CurrentClaim... claims) {
        return FaultInvariants.outcomes(versions.keySet(), versions, List.of(claims));
    }

    @Test
    void aVisitBilledToItsPrimaryAndItsSecondaryPayerIsFinishedNotDuplicated() {
        assertThat(outcomes(Map.of("enc-1", "1"), PRIMARY, SECONDARY)).isEqualTo(new Outcomes(0, 0, 1));
    }

    @Test
    void twoPlansOfOnePayerAreTwoPayersNotADuplicate() {
        CurrentClaim spouse = new CurrentClaim("enc-1", "MCROH", "2XY4TE5MK99", "CLOSED");

        assertThat(outcomes(Map.of("enc-1", "1"), PRIMARY, spouse)).isEqualTo(new Outcomes(0, 0, 1));
    }

    @Test
    void aVisitSentTwiceToOnePayerIsDuplicated() {
        CurrentClaim again = new CurrentClaim("enc-1", "MCROH", "1EG4TE5MK73", "DENIED");

        assertThat(outcomes(Map.of("enc-1", "1"), PRIMARY, again, SECONDARY)).isEqualTo(new Outcomes(0, 1, 0));
    }

    @Test
    void aSecondaryClaimStillInFlightOnceAllIsQuietIsLost() {
        CurrentClaim waiting = new CurrentClaim("enc-1", "BKHP1", "BHP600000001", "SUBMITTED");

        assertThat(outcomes(Map.of("enc-1", "1"), PRIMARY, waiting)).isEqualTo(new Outcomes(1, 0, 0));
    }

    @Test
    void neverCodedOrWithoutAClaimIsLostAndHeldForACoderIsFinished() {
        Outcomes outcomes = FaultInvariants.outcomes(
                Set.of("enc-never", "enc-noclaim", "enc-coder", "enc-1"),
                Map.of("enc-noclaim", "1", "enc-coder", "0", "enc-1", "1"),
                List.of(PRIMARY));

        assertThat(outcomes).isEqualTo(new Outcomes(2, 0, 2));
    }
}
