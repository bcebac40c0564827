package io.claimflow.claim.model;

import java.time.LocalDate;
import java.util.List;

/** A coded service line as coding sent it, without a charge. */
public record CodedLine(
        int lineNumber,
        String procedureCode,
        List<String> modifiers,
        int units,
        List<Integer> diagnosisPointers,
        LocalDate dateOfService,
        String placeOfService) {

    public CodedLine {
        modifiers = List.copyOf(modifiers);
        diagnosisPointers = List.copyOf(diagnosisPointers);
    }
}
