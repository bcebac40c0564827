package io.claimflow.claim.submission;

import java.util.Set;

/** Federal tax id format: nine digits; an EIN with a prefix the IRS assigns, an SSN outside the never-issued ranges. */
final class TaxId {

    // EIN prefixes the IRS does not assign (IRS "How EINs are assigned" list of valid campus prefixes)
    private static final Set<String> UNASSIGNED_EIN_PREFIXES = Set.of(
            "00", "07", "08", "09", "17", "18", "19", "28", "29", "49", "69", "70", "78", "79", "89", "96", "97");

    private TaxId() {}

    /** Null when valid, else why not. */
    static String problem(String taxId, String type) {
        if (taxId == null || taxId.isBlank()) {
            return "billing provider tax id is missing";
        }
        if (!taxId.matches("[0-9]{9}")) {
            return "billing provider tax id must be nine digits without punctuation";
        }
        if ("SSN".equals(type)) {
            String area = taxId.substring(0, 3);
            if (area.equals("000")
                    || area.equals("666")
                    || area.startsWith("9")
                    || taxId.startsWith("00", 3)
                    || taxId.endsWith("0000")) {
                return "billing provider SSN is in a range that is never issued";
            }
            return null;
        }
        if (UNASSIGNED_EIN_PREFIXES.contains(taxId.substring(0, 2))) {
            return "billing provider EIN prefix " + taxId.substring(0, 2) + " is not assigned by the IRS";
        }
        return null;
    }
}
