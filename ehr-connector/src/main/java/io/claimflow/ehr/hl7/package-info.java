/**
 * The HL7 v2 door: DFT^P03 messages over MLLP are read into one {@code DocumentedEncounter} each and answered with an
 * ACK. The code tables it reads with are plain values ({@link io.claimflow.ehr.hl7.Hl7Codes}); the message model
 * (HAPI HL7 v2), the MLLP listener and the mapper are edge, in {@code hl7.adapter}. What it shares with the FHIR door
 * is the {@code intake} domain.
 */
package io.claimflow.ehr.hl7;
