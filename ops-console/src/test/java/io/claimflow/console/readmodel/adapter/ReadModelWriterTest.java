package io.claimflow.console.readmodel.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.console.readmodel.EventKind;
import io.claimflow.console.readmodel.TimelineEntry;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The claim row's state as events arrive in the orders they really do: a front-end rejected claim corrected and
 * submitted again under the same claim id is SUBMITTED again (it stayed REJECTED), while a denial that overtook its
 * claim's submission is not undone by the submission arriving after it.
 */
@SpringBootTest
@ClaimFlowInfrastructure(database = "claimflow_console")
class ReadModelWriterTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final LocalDate DOS = LocalDate.parse("2026-02-27");

    @Autowired
    ReadModelWriter writer;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aRejectedClaimSubmittedAgainIsSubmittedAgain() {
        String claim = "clm-resubmit-" + UUID.randomUUID();
        writer.submitted(submission(claim, T0), new EventMapping.Submission("PCN1", "Payer One", null, DOS));
        writer.denied(rejection(claim, T0.plusSeconds(60)), "Payer One", "PCN1");
        assertThat(state(claim)).isEqualTo("REJECTED");

        writer.submitted(
                submission(claim, T0.plusSeconds(3600)), new EventMapping.Submission("PCN1", "Payer One", null, DOS));

        assertThat(state(claim)).isEqualTo("SUBMITTED");
        // the rejection still counts against the clean claim rate
        assertThat(jdbc.sql("SELECT front_end_rejected FROM claim WHERE claim_id = :c")
                        .param("c", claim)
                        .query(Boolean.class)
                        .single())
                .isTrue();
    }

    @Test
    void aDenialThatOvertookItsSubmissionStays() {
        String claim = "clm-overtaken-" + UUID.randomUUID();
        writer.denied(rejection(claim, T0.plusSeconds(60)), "Payer One", "PCN1");
        writer.submitted(submission(claim, T0), new EventMapping.Submission("PCN1", "Payer One", null, DOS));

        assertThat(state(claim)).isEqualTo("REJECTED");
    }

    private String state(String claim) {
        return jdbc.sql("SELECT state FROM claim WHERE claim_id = :c")
                .param("c", claim)
                .query(String.class)
                .single();
    }

    private static TimelineEntry submission(String claim, Instant at) {
        return new TimelineEntry(
                UUID.randomUUID().toString(),
                "claim-submitted",
                EventKind.SUBMITTED,
                "enc-" + claim,
                claim,
                "t1",
                at,
                "Submitted",
                1,
                "ORIGINAL",
                null,
                null,
                null,
                "P1",
                new BigDecimal("120.00"),
                null,
                null,
                null);
    }

    private static TimelineEntry rejection(String claim, Instant at) {
        return new TimelineEntry(
                UUID.randomUUID().toString(),
                "claim-denied",
                EventKind.DENIED,
                "enc-" + claim,
                claim,
                "t1",
                at,
                "Rejected",
                null,
                null,
                "FRONT_END_REJECTION",
                "MISSING_INFORMATION",
                "16",
                "P1",
                new BigDecimal("120.00"),
                null,
                null,
                null);
    }
}
