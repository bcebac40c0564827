package io.claimflow.coding.rules;

import java.util.List;

/**
 * A payer's denial of a claim built from a coding version, as coding acts on it.
 *
 * @param reasonCodes the CARCs of the claim- and line-level adjustments, in order
 * @param affectedLines the service lines denied; empty for the whole claim
 * @param attempt recode attempt number for the encounter, starting at 1
 */
public record Denial(List<String> reasonCodes, List<Integer> affectedLines, int attempt) {

    public Denial {
        reasonCodes = List.copyOf(reasonCodes);
        affectedLines = List.copyOf(affectedLines);
    }
}
