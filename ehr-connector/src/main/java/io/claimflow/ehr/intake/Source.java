package io.claimflow.ehr.intake;

/**
 * Which documentation of which encounter an event comes from; one source publishes at most one event.
 *
 * @param channel {@code fhir} or {@code hl7v2}
 * @param encounterId the encounter (FHIR Encounter.id, HL7 PV1-19 visit number)
 * @param version the version of its documentation (FHIR meta.versionId, HL7 MSH-10 message control id)
 */
public record Source(String channel, String encounterId, String version) {

    public static final String FHIR = "fhir";
    public static final String HL7V2 = "hl7v2";
}
