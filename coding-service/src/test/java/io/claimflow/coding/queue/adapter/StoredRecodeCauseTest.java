package io.claimflow.coding.queue.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimflow.coding.pipeline.DenialReason;
import io.claimflow.coding.pipeline.RecodeCause;
import io.claimflow.coding.pipeline.adapter.AvroMapping;
import io.claimflow.coding.recode.adapter.RecodeCauseMappingTest;
import io.claimflow.events.RecodeRequested;
import io.claimflow.schemas.json.JsonRecords;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The recode cause a coder queue item keeps (jsonb of domain records): written and read back, and rows from before. */
class StoredRecodeCauseTest {

    static Stream<RecodeRequested> requests() {
        return RecodeCauseMappingTest.requests();
    }

    @Test
    void aRecodeCauseReadsBackEqualWithItsMoneyScale() {
        RecodeCause cause = new RecodeCause(
                "clm-1",
                3,
                2,
                new DenialReason(
                        "ADJUDICATED",
                        "CODING",
                        "2026090123456",
                        List.of(new DenialReason.Adjustment("CO", "11", new BigDecimal("12.00"))),
                        List.of("M76"),
                        List.of(new DenialReason.Rejection("A7:562:85", null, null)),
                        null,
                        List.of(2)));

        RecodeCause back = JdbcCoderQueue.recodeCause(JdbcCoderQueue.write(cause));

        assertThat(back).isEqualTo(cause);
        assertThat(back.reason().adjustments().get(0).amount()).hasScaleOf(2);
        assertThat(JdbcCoderQueue.recodeCause(null)).isNull();
    }

    /**
     * A queue item stored before the reason was a domain record: the recode cause's reason is a JSON string (the
     * event's DenialReason as JsonRecords wrote it, which the listener passed on) and still reads, and goes into
     * EncounterCoded as the event had it.
     */
    @ParameterizedTest
    @MethodSource("requests")
    void aRecodeCauseStoredWithItsReasonAsJsonTextStillReads(RecodeRequested event) throws Exception {
        record StoredBefore(String claimId, int previousCodingVersion, int attempt, String reason) {}
        String row = new ObjectMapper()
                .writeValueAsString(new StoredBefore(
                        event.getClaimId(), event.getCodingVersion(), 1, JsonRecords.write(event.getReason())));

        RecodeCause read = JdbcCoderQueue.recodeCause(row);

        assertThat(read.claimId()).isEqualTo(event.getClaimId());
        assertThat(read.previousCodingVersion()).isEqualTo(event.getCodingVersion());
        assertThat(read.attempt()).isEqualTo(1);
        assertThat(AvroMapping.recodeCause(read).getReason()).isEqualTo(event.getReason());
        assertThat(JdbcCoderQueue.recodeCause(JdbcCoderQueue.write(read))).isEqualTo(read);
    }

    /** The coder's view of the reason has the shape it had as the event's plain JSON (amounts as "12.00"). */
    @ParameterizedTest
    @MethodSource("requests")
    void theCoderSeesTheReasonInTheEventsJsonShape(RecodeRequested event) throws Exception {
        ObjectMapper json = new ObjectMapper();

        Object shown = json.readValue(
                json.writeValueAsString(CoderQueueController.reason(RecodeCauseMappingTest.domain(event))),
                Object.class);

        assertThat(shown).isEqualTo(json.readValue(JsonRecords.write(event.getReason()), Object.class));
    }
}
