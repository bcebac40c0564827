package io.claimflow.adjudication.x12;

import java.math.BigDecimal;
import java.util.List;

/**
 * One claim's status in a 277CA (005010X214), loop 2200D: accepted for adjudication or rejected, with the STC status
 * codes given.
 */
public record ClaimAcknowledgment(
        String patientControlNumber, String payerClaimNumber, BigDecimal chargeAmount, List<Status> statuses) {

    public ClaimAcknowledgment {
        statuses = List.copyOf(statuses);
    }

    /** Rejected when the first status's category is A3, A4, A6, A7 or A8 (returned, not found, rejected). */
    public boolean rejected() {
        return !statuses.isEmpty()
                && List.of("A3", "A4", "A6", "A7", "A8")
                        .contains(statuses.get(0).category());
    }

    /** One STC01 composite (category:status[:entity]) with the payer's free text (STC12). */
    public record Status(String category, String code, String entity, String freeText) {

        public String composite() {
            return category + ":" + code + (entity == null ? "" : ":" + entity);
        }
    }
}
