package io.claimflow.patientbilling.statement;

import java.util.List;

/**
 * Who a statement is from and where the patient sends money: the practice's name, street address and phone, and
 * the remit-to address (often a lockbox) checks go to.
 */
public record Practice(String name, List<String> addressLines, String phone, List<String> remitToLines) {

    public Practice {
        addressLines = addressLines == null ? List.of() : List.copyOf(addressLines);
        remitToLines = remitToLines == null ? List.of() : List.copyOf(remitToLines);
    }

    /** Where a check goes: the remit-to address, else the street address (none when neither is known). */
    public List<String> checksTo() {
        return remitToLines.isEmpty() ? addressLines : remitToLines;
    }

    /** A practice known by name only (nothing configured for its tenant). */
    public static Practice named(String name) {
        return new Practice(name, List.of(), null, List.of());
    }
}
