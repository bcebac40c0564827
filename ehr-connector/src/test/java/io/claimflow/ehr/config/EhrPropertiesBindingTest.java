package io.claimflow.ehr.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The FHIR settings of issue 17 bind as documented, payer names with spaces included (bracket notation). */
class EhrPropertiesBindingTest {

    @Test
    void lookBackAndPayerNamesBind() {
        Map<String, String> settings = Map.of(
                "claimflow.ehr.fhir.look-back-days", "90",
                "claimflow.ehr.fhir.payers.ids.[Blue Cross Blue Shield]", "BCBS1",
                "claimflow.ehr.fhir.payers.ids.Medicare", "CMS01",
                "claimflow.ehr.fhir.payers.default-payer-id", "BKHP1",
                "claimflow.ehr.fhir.payers.mrn-as-member-id", "true",
                "claimflow.ehr.rendering-provider.npi", "1234567893");

        EhrProperties properties = new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("claimflow.ehr", EhrProperties.class);

        assertThat(properties.fhir().lookBackDays()).isEqualTo(90);
        assertThat(properties.fhir().payers().ids())
                .containsEntry("Blue Cross Blue Shield", "BCBS1")
                .containsEntry("Medicare", "CMS01");
        assertThat(properties.fhir().payers().defaultPayerId()).isEqualTo("BKHP1");
        assertThat(properties.fhir().payers().selfPayNames()).containsExactly("NO_INSURANCE");
        assertThat(properties.fhir().payers().mrnAsMemberId()).isTrue();
        assertThat(properties.renderingProvider().npi()).isEqualTo("1234567893");
        assertThat(properties.maxBundleBytes()).isEqualTo(64 * 1024 * 1024);
    }

    @Test
    void withNothingSetTheDefaultsHold() {
        EhrProperties properties = new Binder(
                        new MapConfigurationPropertySource(Map.of("claimflow.ehr.tenant-id", "t")))
                .bindOrCreate("claimflow.ehr", EhrProperties.class);

        assertThat(properties.fhir().lookBackDays()).isEqualTo(365);
        assertThat(properties.fhir().payers().ids()).isEmpty();
        assertThat(properties.billingProvider()).isNull();
    }
}
