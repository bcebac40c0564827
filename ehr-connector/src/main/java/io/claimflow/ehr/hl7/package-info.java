/**
 * The HL7 v2 door: DFT^P03 messages over MLLP are read into one {@code DocumentedEncounter} each and answered with an
 * ACK. All of it is edge (HAPI HL7 v2 model classes, sockets), so it lives in {@code hl7.adapter}; what it shares with
 * the FHIR door is the {@code intake} domain.
 */
package io.claimflow.ehr.hl7;
