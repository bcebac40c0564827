package io.claimflow.coding.pipeline;

import java.math.BigDecimal;
import java.util.List;

/**
 * Why a claim was denied, as the RecodeRequested event gave it: kept with a recode's coding version and queue item,
 * shown to the coder and passed on unchanged in EncounterCoded's recodeCause. Enumerations are their symbols.
 *
 * @param stage FRONT_END_REJECTION or ADJUDICATED
 * @param category the denial category, e.g. CODING
 * @param payerClaimNumber the payer's claim control number; null for a front-end rejection
 * @param adjustments the adjustments that make up the denial
 * @param remarkCodes the RARCs given with it
 * @param rejections the 999/277CA rejection reasons
 * @param payerText the payer's explanation; null when none
 * @param affectedLineNumbers the service lines it concerns; empty for the whole claim
 */
public record DenialReason(
        String stage,
        String category,
        String payerClaimNumber,
        List<Adjustment> adjustments,
        List<String> remarkCodes,
        List<Rejection> rejections,
        String payerText,
        List<Integer> affectedLineNumbers) {

    public DenialReason {
        adjustments = List.copyOf(adjustments);
        remarkCodes = List.copyOf(remarkCodes);
        rejections = List.copyOf(rejections);
        affectedLineNumbers = List.copyOf(affectedLineNumbers);
    }

    /** One adjustment: group code (CO, PR, ...), CARC and amount in dollars. */
    public record Adjustment(String groupCode, String reasonCode, BigDecimal amount) {}

    /** One front-end rejection reason: code, description and location, the last two null when not given. */
    public record Rejection(String code, String description, String location) {}
}
