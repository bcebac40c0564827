package io.claimflow.coding.rules;

/** A sex- or age-specific code family (ICD-10-CM or procedure): sex null or age bounds null when unrestricted. */
public record DemographicRule(String codePrefix, Sex sex, Integer minAge, Integer maxAge, String note) {

    public boolean matches(String code) {
        return code.startsWith(codePrefix);
    }
}
