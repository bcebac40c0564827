package io.claimflow.ehr.intake;

/**
 * One thing wrong with what an EHR sent, found while reading it. The message names the element and what is wrong
 * with it, never the patient data it held.
 *
 * @param location where, in the input's own terms (a FHIRPath such as {@code Bundle.entry[2].resource.code}, or an
 *        HL7 v2 position such as {@code PID-7})
 * @param kind what sort of problem, which each adapter translates into its own error codes
 * @param message what is wrong, for the EHR's interface team
 */
public record Problem(String location, Kind kind, String message) {

    /** Sorts of problems. */
    public enum Kind {
        /** The input could not be read at all (broken JSON, not an HL7 v2 message). */
        UNREADABLE,
        /** A message or resource type this connector does not take. */
        UNSUPPORTED,
        /** A required element, segment or field is absent. */
        REQUIRED,
        /** A value has the wrong form (a date that is no date, an unknown enumeration value). */
        INVALID,
        /** A code in a code system ClaimFlow does not know. */
        UNKNOWN_CODE_SYSTEM,
        /** A reference that points to nothing in the bundle. */
        UNRESOLVED_REFERENCE,
        /**
         * A warning, refusing nothing: something the EHR sent was not usable and the tenant's configuration stood in
         * for it (a billing provider without a valid NPI billed under the configured one).
         */
        DEFAULTED,
        /**
         * Information, refusing nothing: something the EHR sent that was not published (an encounter outside the
         * look-back window, resources ClaimFlow does not read, a medication it cannot bill).
         */
        NOT_USED;

        /** Whether a problem of this kind refuses what it is about. */
        public boolean refuses() {
            return this != DEFAULTED && this != NOT_USED;
        }
    }
}
