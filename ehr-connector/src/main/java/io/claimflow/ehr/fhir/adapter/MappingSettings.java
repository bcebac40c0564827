package io.claimflow.ehr.fhir.adapter;

import io.claimflow.ehr.config.EhrProperties;
import io.claimflow.ehr.intake.DocumentedEncounter.Provider;
import java.time.LocalDate;

/**
 * What the tenant's configuration adds to a bundle when it is read.
 *
 * @param tenantId the tenant every encounter belongs to
 * @param earliestDateOfService encounters dated before this day are not published (the look-back window); null: no
 *        window
 * @param billingProvider billing provider for an encounter whose serviceProvider has no valid NPI or cannot be
 *        resolved; null: such an encounter is refused
 * @param renderingProvider rendering provider for an encounter whose performer has no valid NPI or cannot be resolved;
 *        null: such an encounter is refused
 * @param directory Organizations, Practitioners and Locations received before, for conditional references
 * @param payers payer names to payer ids, for a coverage named only by its payer's name
 */
record MappingSettings(
        String tenantId,
        LocalDate earliestDateOfService,
        Provider billingProvider,
        Provider renderingProvider,
        ResourceDirectory directory,
        EhrProperties.Payers payers) {

    MappingSettings {
        directory = directory == null ? ResourceDirectory.NONE : directory;
        payers = payers == null ? EhrProperties.Payers.NONE : payers;
    }

    MappingSettings(
            String tenantId,
            LocalDate earliestDateOfService,
            Provider billingProvider,
            Provider renderingProvider,
            ResourceDirectory directory) {
        this(tenantId, earliestDateOfService, billingProvider, renderingProvider, directory, null);
    }

    /** No window, no defaults, no directory: the bundle alone. */
    static MappingSettings of(String tenantId) {
        return new MappingSettings(tenantId, null, null, null, ResourceDirectory.NONE);
    }
}
