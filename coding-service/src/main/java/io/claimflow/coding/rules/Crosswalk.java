package io.claimflow.coding.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SNOMED CT to ICD-10-CM and SNOMED CT to CPT/HCPCS maps. A concept may map to several targets; the rules keep the
 * targets valid for the patient on the date of service and code only when exactly one is left.
 */
public final class Crosswalk {

    /** A target of a SNOMED CT concept. */
    public record Target(String code, String description) {
    }

    private final Map<String, List<Target>> toIcd;
    private final Map<String, List<Target>> toProcedure;

    public Crosswalk(Map<String, List<Target>> toIcd, Map<String, List<Target>> toProcedure) {
        this.toIcd = Map.copyOf(new LinkedHashMap<>(toIcd));
        this.toProcedure = Map.copyOf(new LinkedHashMap<>(toProcedure));
    }

    public List<Target> icdTargets(String snomedConcept) {
        return toIcd.getOrDefault(snomedConcept, List.of());
    }

    public List<Target> procedureTargets(String snomedConcept) {
        return toProcedure.getOrDefault(snomedConcept, List.of());
    }

    public int icdConcepts() {
        return toIcd.size();
    }

    public int procedureConcepts() {
        return toProcedure.size();
    }
}
