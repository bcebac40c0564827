package io.claimflow.claim.model;

/**
 * The parts of a provider the claim checks and a biller may correct. The full provider (names, taxonomy,
 * address) travels in the encounter snapshot.
 */
public record ProviderRef(String npi, String taxId, String taxIdType, boolean hasStreetAddress) {

    public ProviderRef withNpi(String newNpi) {
        return new ProviderRef(newNpi, taxId, taxIdType, hasStreetAddress);
    }

    public ProviderRef withTaxId(String newTaxId) {
        return new ProviderRef(npi, newTaxId, taxIdType, hasStreetAddress);
    }
}
