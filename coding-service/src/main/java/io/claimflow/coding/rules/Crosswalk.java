package io.claimflow.coding.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SNOMED CT to ICD-10-CM and SNOMED CT to CPT/HCPCS maps, CVX vaccines to their product CPT code and RxNorm drugs
 * to a HCPCS drug code. A SNOMED CT concept may map to several targets; the rules keep the targets valid for the
 * patient on the date of service and code only when exactly one is left. Some concepts are known on purpose to
 * have no code: findings that are not reported (employment status, a medication review inside the visit) and dental
 * services (billed on a dental claim with CDT codes).
 */
public final class Crosswalk {

    /** A target of a SNOMED CT concept. */
    public record Target(String code, String description) {}

    /**
     * The HCPCS code of an RxNorm drug and the HCPCS units one administration of it is (the RxNorm concept names
     * its strength and volume); {@code hcpcs} null when the drug is known and not billed on a professional claim.
     */
    public record DrugTarget(String hcpcs, int unitsPerAdministration, String description) {

        public boolean billed() {
            return hcpcs != null;
        }
    }

    private final Map<String, List<Target>> toIcd;
    private final Map<String, List<Target>> toProcedure;
    private final Map<String, Target> vaccines;
    private final Map<String, DrugTarget> drugs;
    private final Map<String, String> notReported;
    private final Set<String> dental;

    public Crosswalk(Map<String, List<Target>> toIcd, Map<String, List<Target>> toProcedure) {
        this(toIcd, toProcedure, Map.of(), Map.of(), Map.of(), Set.of());
    }

    /**
     * @param vaccines CVX code to the vaccine product's CPT code
     * @param drugs RxNorm concept to its HCPCS drug code
     * @param notReported SNOMED CT concepts documented but never reported as a code, with why
     * @param dental SNOMED CT concepts of dental services
     */
    public Crosswalk(
            Map<String, List<Target>> toIcd,
            Map<String, List<Target>> toProcedure,
            Map<String, Target> vaccines,
            Map<String, DrugTarget> drugs,
            Map<String, String> notReported,
            Set<String> dental) {
        this.toIcd = Map.copyOf(new LinkedHashMap<>(toIcd));
        this.toProcedure = Map.copyOf(new LinkedHashMap<>(toProcedure));
        this.vaccines = Map.copyOf(vaccines);
        this.drugs = Map.copyOf(drugs);
        this.notReported = Map.copyOf(notReported);
        this.dental = Set.copyOf(dental);
    }

    public List<Target> icdTargets(String snomedConcept) {
        return toIcd.getOrDefault(snomedConcept, List.of());
    }

    public List<Target> procedureTargets(String snomedConcept) {
        return toProcedure.getOrDefault(snomedConcept, List.of());
    }

    /** The vaccine product CPT code of a CVX code. */
    public Optional<Target> vaccine(String cvx) {
        return Optional.ofNullable(vaccines.get(normalizeCvx(cvx)));
    }

    public Optional<DrugTarget> drug(String rxnorm) {
        return Optional.ofNullable(drugs.get(rxnorm));
    }

    /** Why a SNOMED CT concept is documented but not reported as a code; empty when it is to be coded. */
    public Optional<String> notReported(String snomedConcept) {
        return Optional.ofNullable(notReported.get(snomedConcept));
    }

    public boolean dental(String snomedConcept) {
        return dental.contains(snomedConcept);
    }

    public int icdConcepts() {
        return toIcd.size();
    }

    public int procedureConcepts() {
        return toProcedure.size();
    }

    /** Every ICD-10-CM target, for coverage checks. */
    public Map<String, List<Target>> icdMap() {
        return toIcd;
    }

    /** Every CPT/HCPCS target of SNOMED CT concepts, for coverage checks. */
    public Map<String, List<Target>> procedureMap() {
        return toProcedure;
    }

    public Map<String, Target> vaccineMap() {
        return vaccines;
    }

    public Map<String, DrugTarget> drugMap() {
        return drugs;
    }

    /** CVX codes are written with and without a leading zero ("08", "8"). */
    static String normalizeCvx(String cvx) {
        String trimmed = cvx == null ? "" : cvx.trim();
        return trimmed.length() == 1 ? "0" + trimmed : trimmed;
    }
}
