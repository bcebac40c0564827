package io.claimflow.ehr.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.codes.Npi;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The providers ehr-connector ships in application.yml (what the local stack runs with) pass claim-service's
 * scrubber: valid NPIs (the project's one check) and a tax id of nine digits with an EIN prefix the IRS assigns. The
 * shipped HL7 billing tax id was 000000000, which the scrubber holds (issue 17).
 */
class ShippedDefaultsTest {

    @Test
    void theShippedBillingAndRenderingProvidersPassTheScrubbersChecks() throws Exception {
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
                .load("application", new FileSystemResource("src/main/resources/application.yml"));
        PropertySource<?> shipped = yaml.get(0);

        assertThat(Npi.isValid(String.valueOf(shipped.getProperty("claimflow.ehr.billing-provider.npi"))))
                .isTrue();
        assertThat(Npi.isValid(String.valueOf(shipped.getProperty("claimflow.ehr.rendering-provider.npi"))))
                .isTrue();
        String taxId = String.valueOf(shipped.getProperty("claimflow.ehr.billing-provider.tax-id"));
        assertThat(taxId).matches("[0-9]{9}");
        // the EIN prefixes the IRS does not assign (claim-service's TaxId)
        assertThat(taxId.substring(0, 2))
                .isNotIn(
                        "00", "07", "08", "09", "17", "18", "19", "28", "29", "49", "69", "70", "78", "79", "89", "96",
                        "97");
        assertThat(shipped.getProperty("claimflow.ehr.hl7.billing-provider.tax-id"))
                .isNull();
    }
}
