package io.claimflow.claim.model;

import static io.claimflow.claim.TestEncounters.officeVisit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.claim.TestEncounters;
import io.claimflow.claim.submission.ClaimAssembler;
import io.claimflow.claim.submission.ClaimNumbers;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClaimLifecycleTest {

    static final Instant T = Instant.parse("2026-03-11T02:00:00Z");

    Claim newClaim() {
        return new ClaimAssembler(TestEncounters.feeSchedule())
                .assemble(
                        officeVisit(),
                        ClaimNumbers.of(1, "riverside-fm", LocalDate.of(2026, 3, 11)),
                        null,
                        Actor.system("assembly"),
                        T);
    }

    @Test
    void theRecodeLoopRecordsEveryChangeWithWhoMadeIt() {
        Claim claim = newClaim();
        claim.transitionTo(ClaimStatus.SUBMITTED, Actor.system("scrubber"), "passed the scrubber", "e1", T);
        claim.transitionTo(ClaimStatus.DENIED, Actor.payer("BKHP1"), "CO-11", "e2", T);
        claim.transitionTo(ClaimStatus.RECODE_REQUESTED, Actor.rule("route-coding-denials"), "attempt 1", "e2", T);
        claim.transitionTo(ClaimStatus.REPLACED, Actor.system("corrected-claims"), "replaced", "e3", T);

        assertThat(claim.pendingChanges())
                .extracting(StatusChange::to)
                .containsExactly(
                        ClaimStatus.CREATED,
                        ClaimStatus.SUBMITTED,
                        ClaimStatus.DENIED,
                        ClaimStatus.RECODE_REQUESTED,
                        ClaimStatus.REPLACED);
        assertThat(claim.pendingChanges().get(2).actor()).isEqualTo(Actor.payer("BKHP1"));
        assertThat(claim.current()).isFalse();
        assertThat(claim.submittedAt()).isEqualTo(T);
    }

    @ParameterizedTest
    @CsvSource({
        "CREATED,PAID",
        "HELD,PAID",
        "SUBMITTED,CLOSED",
        "PAID,DENIED",
        "PAID,HELD",
        "REPLACED,SUBMITTED",
        "VOIDED,PAID",
        "CLOSED,SUBMITTED",
        "WRITTEN_OFF,SUBMITTED",
        "DENIED,HELD",
        "RECODE_REQUESTED,SUBMITTED"
    })
    void illegalTransitionsAreRefusedAndChangeNothing(ClaimStatus from, ClaimStatus to) {
        Claim claim = Claim.restore(Claim.builder()
                .claimId("clm-1")
                .encounterId("enc-1")
                .tenantId("t")
                .codingVersion(1)
                .patientControlNumber("P1")
                .dateOfService(LocalDate.of(2026, 3, 10))
                .patientMrn("m")
                .sourceEventId("e")
                .createdAt(T)
                .status(from)
                .current(true));

        assertThatThrownBy(() -> claim.transitionTo(to, Actor.user("biller"), "try", null, T))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("is " + from + " and cannot become " + to);
        assertThat(claim.status()).isEqualTo(from);
        assertThat(claim.pendingChanges()).isEmpty();
    }

    @Test
    void everyStateIsReachableFromCreated() {
        java.util.Set<ClaimStatus> seen = java.util.EnumSet.of(ClaimStatus.CREATED);
        java.util.Deque<ClaimStatus> todo = new java.util.ArrayDeque<>(seen);
        while (!todo.isEmpty()) {
            for (ClaimStatus next : todo.pop().next()) {
                if (seen.add(next)) {
                    todo.push(next);
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrder(ClaimStatus.values());
    }

    @Test
    void onlyHeldOrRejectedClaimsCanBeCorrected() {
        Claim claim = newClaim();
        claim.transitionTo(ClaimStatus.HELD, Actor.system("scrubber"), "bad NPI", null, T);
        claim.correct(new Claim.Correction("1234567893", null, null, null, "NEW123", null));
        assertThat(claim.billing().npi()).isEqualTo("1234567893");
        assertThat(claim.coverage().memberId()).isEqualTo("NEW123");

        claim.transitionTo(ClaimStatus.SUBMITTED, Actor.user("biller"), "released", null, T);
        assertThatThrownBy(() -> claim.correct(new Claim.Correction("1847362914", null, null, null, null, null)))
                .isInstanceOf(IllegalTransitionException.class);
    }
}
