package io.claimflow.console.web.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The field names of the services' answers in people's words (issue 21 item 4: the recode cause showed raw keys). */
class FieldLabelsTest {

    @Test
    void aRecodeCauseIsShownWithLabelsAndItsCodesInWords() {
        Map<String, Object> reason = new LinkedHashMap<>();
        reason.put("stage", "ADJUDICATED_DENIAL");
        reason.put("category", "CODING");
        reason.put("payerClaimNumber", "PCN-7");
        reason.put(
                "adjustments",
                List.of(
                        Map.of("groupCode", "CO", "reasonCode", "11", "amount", "120.00"),
                        Map.of("groupCode", "CO", "reasonCode", "16", "amount", "0.00")));
        reason.put("remarkCodes", List.of("M76", "N657"));
        reason.put("rejections", List.of());
        reason.put("payerText", "Diagnosis inconsistent with procedure");
        reason.put("affectedLineNumbers", List.of(1, 2));
        Map<String, Object> cause = new LinkedHashMap<>();
        cause.put("claimId", "clm-7-1");
        cause.put("previousCodingVersion", 1);
        cause.put("attempt", 1);
        cause.put("reason", reason);

        Map<String, Object> rows = FieldLabels.recodeCause(cause);

        assertThat(rows)
                .containsEntry("Claim", "clm-7-1")
                .containsEntry("Coding version the payer denied", 1)
                .containsEntry("Recode attempt", 1)
                .containsEntry("Refused at", "Adjudicated denial")
                .containsEntry("Kind of denial", "Coding")
                .containsEntry("Payer's claim number", "PCN-7")
                .containsEntry("Adjustments", "CO-11 120.00\nCO-16 0.00")
                .containsEntry("Remark codes", "M76\nN657")
                .containsEntry("The payer's words", "Diagnosis inconsistent with procedure")
                .containsEntry("Service lines concerned", "1\n2");
        assertThat(String.join(" ", rows.keySet()))
                .doesNotContain("claimId", "previousCodingVersion", "reason.", "payerText", "groupCode");
    }

    @Test
    void aNameWithoutALabelIsWrittenOutInWords() {
        assertThat(FieldLabels.label("interchangeControlNumber")).isEqualTo("Interchange control number");
        assertThat(FieldLabels.label("reason.payerText")).isEqualTo("The payer's words");
        assertThat(FieldLabels.words("FRONT_END_REJECTION")).isEqualTo("Front end rejection");
        assertThat(FieldLabels.labelled(Map.of("status", "ACCEPTED_WITH_ERRORS")))
                .containsExactly(Map.entry("Status", "Accepted with errors"));
    }

    @Test
    void theBillersShapeOfACauseIsLabelledToo() {
        Map<String, Object> cause = new LinkedHashMap<>();
        cause.put("claimId", "clm-1");
        cause.put("category", "CODING");
        cause.put("carcs", "CO-11, CO-16");
        cause.put("instructions", "check E11.22");

        assertThat(FieldLabels.recodeCause(cause).keySet())
                .containsExactly("Claim", "Kind of denial", "Reason codes", "Biller's instructions");
    }
}
