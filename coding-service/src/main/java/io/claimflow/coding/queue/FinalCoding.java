package io.claimflow.coding.queue;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * The codes a coder finalizes: diagnoses in claim order and service lines with 1-based pointers. The constraints are
 * the shapes an 837P can carry (12 diagnoses, 4 pointers and 4 modifiers a line, 50 lines, whole units).
 */
public record FinalCoding(
        @NotNull @Size(max = 12)
        List<@NotNull @Pattern(regexp = "[A-Za-z0-9.]{3,8}", message = "must be an ICD-10-CM code") String> diagnoses,

        @NotNull @Size(max = 50) List<@NotNull @Valid Line> lines) {

    /** A service line; drug fields only for a drug line. */
    public record Line(
            @Pattern(regexp = "[A-Za-z0-9]{5}", message = "must be a CPT or HCPCS code")
            String code,

            @Size(max = 4)
            List<@Pattern(regexp = "[A-Za-z0-9]{2}", message = "must be two letters or digits") String> modifiers,

            @Min(1) @Max(9999) Integer units,
            @Size(max = 4) List<@Min(1) @Max(12) Integer> pointers,

            @Pattern(regexp = "[0-9]{11}|[0-9-]{12,13}", message = "must be an NDC")
            String ndc,

            @Positive @Digits(integer = 7, fraction = 3) BigDecimal drugQuantity,

            @Pattern(regexp = "[A-Z]{2}", message = "must be a two-letter unit of measure")
            String drugUnit) {}
}
