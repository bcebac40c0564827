/**
 * The FHIR R4 door: bundles posted to {@code /fhir} are read into one {@code DocumentedEncounter} per finished
 * Encounter, and provider directory bundles are kept for later conditional references. All of it is edge (HAPI FHIR
 * model classes), so it lives in {@code fhir.adapter}; what it shares with the HL7 v2 door is the {@code intake}
 * domain.
 */
package io.claimflow.ehr.fhir;
