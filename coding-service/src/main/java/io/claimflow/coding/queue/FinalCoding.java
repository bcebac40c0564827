package io.claimflow.coding.queue;

import java.math.BigDecimal;
import java.util.List;

/** The codes a coder finalizes: diagnoses in claim order and service lines with 1-based pointers. */
public record FinalCoding(List<String> diagnoses, List<Line> lines) {

    /** A service line; drug fields only for a drug line. */
    public record Line(String code, List<String> modifiers, Integer units, List<Integer> pointers, String ndc,
            BigDecimal drugQuantity, String drugUnit) {
    }
}
