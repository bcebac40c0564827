package io.claimflow.ehr.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.ehr.intake.DocumentedEncounter;
import io.claimflow.ehr.intake.DocumentedEncounter.EntityType;
import org.junit.jupiter.api.Test;

/** The tenant's configured providers as the encounter carries them (the FHIR and the HL7 v2 door use the same). */
class ConfiguredProvidersTest {

    @Test
    void theBillingProviderIsAnOrganizationWithItsEinAndAUsAddress() {
        DocumentedEncounter.Provider provider = new EhrProperties.BillingProvider(
                        "1234567893",
                        "Lakeside Pediatrics PC",
                        "271234567",
                        "208000000X",
                        "40 Lake Shore Blvd",
                        "Floor 3",
                        "Cleveland",
                        "OH",
                        "441141234")
                .provider();

        assertThat(provider)
                .isEqualTo(new DocumentedEncounter.Provider(
                        "1234567893",
                        EntityType.ORGANIZATION,
                        "Lakeside Pediatrics PC",
                        null,
                        "208000000X",
                        "271234567",
                        DocumentedEncounter.TaxIdType.EIN,
                        new DocumentedEncounter.Address(
                                "40 Lake Shore Blvd", "Floor 3", "Cleveland", "OH", "441141234", "US")));
    }

    @Test
    void withoutTaxIdOrStreetTheBillingProviderHasNeither() {
        DocumentedEncounter.Provider provider = new EhrProperties.BillingProvider(
                        "1847362914", "Riverside", null, null, null, null, "Columbus", "OH", "43221")
                .provider();

        assertThat(provider.taxId()).isNull();
        assertThat(provider.taxIdType()).isNull();
        assertThat(provider.address()).isNull();
    }

    @Test
    void theRenderingProviderIsAPerson() {
        assertThat(new EhrProperties.RenderingProvider("1245319599", "Lee", "Ann", "207Q00000X").provider())
                .isEqualTo(new DocumentedEncounter.Provider(
                        "1245319599", EntityType.PERSON, "Lee", "Ann", "207Q00000X", null, null, null));
    }
}
