package io.claimflow.claim.denial;

import io.claimflow.codes.AdjustmentCodes;
import io.claimflow.codes.DenialCategory;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * claim-service's reading of payer adjustments, on the one CARC / RARC table of module billing-codes
 * ({@link AdjustmentCodes}), the same table adjudication-gateway categorizes ClaimDenied with. This class only adds
 * what claim-service needs on top: an unknown CARC in group PR is the patient's share, and a set of adjustments with
 * no denial among them is no denial at all.
 */
public final class CarcTable {

    private static final CarcTable SHIPPED = new CarcTable(AdjustmentCodes.shipped());

    private final AdjustmentCodes codes;

    private CarcTable(AdjustmentCodes codes) {
        this.codes = codes;
    }

    /** The table shipped in billing-codes. */
    public static CarcTable shipped() {
        return SHIPPED;
    }

    public Optional<DenialCategory> carc(String code) {
        return codes.carc(code).map(AdjustmentCodes.Code::category);
    }

    public Optional<DenialCategory> rarc(String code) {
        return codes.rarc(code).map(AdjustmentCodes.Code::category);
    }

    /**
     * How to read one adjustment: by its CARC; an unknown CARC in group PR is patient responsibility, otherwise OTHER
     * (a denial nobody categorized).
     */
    public DenialCategory categoryOf(AdjustmentCode adjustment) {
        return carc(adjustment.reasonCode())
                .orElse(
                        "PR".equals(adjustment.groupCode())
                                ? DenialCategory.PATIENT_RESPONSIBILITY
                                : DenialCategory.OTHER);
    }

    /**
     * The denial category of a set of adjustments and remark codes ({@link AdjustmentCodes#denialCategory}: precedence,
     * a vague CARC such as 16 sharpened by its RARC), empty when none of the adjustments denies anything.
     */
    public Optional<DenialCategory> categorize(Collection<AdjustmentCode> adjustments, Collection<String> remarkCodes) {
        List<String> denials = adjustments.stream()
                .filter(a -> categoryOf(a).isDenial())
                .map(AdjustmentCode::reasonCode)
                .toList();
        return denials.isEmpty() ? Optional.empty() : Optional.of(codes.denialCategory(denials, remarkCodes));
    }
}
