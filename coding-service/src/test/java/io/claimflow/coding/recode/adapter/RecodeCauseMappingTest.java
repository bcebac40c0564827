package io.claimflow.coding.recode.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.coding.pipeline.DenialReason;
import io.claimflow.coding.pipeline.RecodeCause;
import io.claimflow.coding.pipeline.adapter.AvroMapping;
import io.claimflow.coding.recode.IncomingRecode;
import io.claimflow.events.Adjustment;
import io.claimflow.events.AdjustmentGroupCode;
import io.claimflow.events.DenialCategory;
import io.claimflow.events.DenialStage;
import io.claimflow.events.RecodeRequested;
import io.claimflow.events.RejectionReason;
import io.claimflow.schemas.json.JsonRecords;
import io.claimflow.schemas.json.Samples;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A RecodeRequested's denial reason mapped to the domain by the listener and back into EncounterCoded's recodeCause
 * by AvroMapping, with no JSON between: nothing is lost, money keeps its scale, nulls stay null.
 */
public class RecodeCauseMappingTest {

    public static Stream<RecodeRequested> requests() {
        RecodeRequested sample = Samples.load(RecodeRequested.class);
        RecodeRequested rejected = Samples.load(RecodeRequested.class);
        rejected.setReason(io.claimflow.events.DenialReason.newBuilder()
                .setStage(DenialStage.FRONT_END_REJECTION)
                .setCategory(DenialCategory.MISSING_INFORMATION)
                .setPayerClaimNumber(null)
                .setAdjustments(List.of())
                .setRemarkCodes(List.of())
                .setRejections(List.of(
                        new RejectionReason("A7:562:85", "Entity's NPI", "NM1 position 27 element 9"),
                        new RejectionReason("I:12", null, null)))
                .setPayerText(null)
                .setAffectedLineNumbers(List.of())
                .build());
        RecodeRequested adjusted = Samples.load(RecodeRequested.class);
        adjusted.setReason(io.claimflow.events.DenialReason.newBuilder(adjusted.getReason())
                .setAdjustments(List.of(
                        new Adjustment(AdjustmentGroupCode.CO, "11", new BigDecimal("12.00")),
                        new Adjustment(AdjustmentGroupCode.PR, "1", new BigDecimal("-0.10")),
                        new Adjustment(AdjustmentGroupCode.OA, "16", new BigDecimal("1234567890.00"))))
                .setRemarkCodes(List.of("M76", "N657"))
                .setAffectedLineNumbers(List.of(1, 3))
                .build());
        return Stream.of(sample, rejected, adjusted);
    }

    /** The domain denial reason the listener makes of {@code event}. */
    public static DenialReason domain(RecodeRequested event) {
        return RecodeRequestedListener.incoming(event).reason();
    }

    @ParameterizedTest
    @MethodSource("requests")
    void theDenialReasonComesBackIntoEncounterCodedUnchanged(RecodeRequested event) {
        IncomingRecode incoming = RecodeRequestedListener.incoming(event);
        RecodeCause cause = new RecodeCause(incoming.claimId(), incoming.codingVersion(), 2, incoming.reason());

        io.claimflow.events.RecodeCause back = AvroMapping.recodeCause(cause);

        assertThat(back.getClaimId()).isEqualTo(event.getClaimId());
        assertThat(back.getPreviousCodingVersion()).isEqualTo(event.getCodingVersion());
        assertThat(back.getAttempt()).isEqualTo(2);
        assertThat(back.getReason()).isEqualTo(event.getReason());
        assertThat(JsonRecords.write(back.getReason())).isEqualTo(JsonRecords.write(event.getReason()));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void theDomainDenialCarriesTheCodesRecodingWorksFrom(RecodeRequested event) {
        IncomingRecode incoming = RecodeRequestedListener.incoming(event);

        assertThat(incoming.denial().reasonCodes())
                .isEqualTo(event.getReason().getAdjustments().stream()
                        .map(Adjustment::getReasonCode)
                        .toList());
        assertThat(incoming.denial().affectedLines())
                .isEqualTo(event.getReason().getAffectedLineNumbers());
        assertThat(incoming.reason().stage())
                .isEqualTo(event.getReason().getStage().name());
    }
}
