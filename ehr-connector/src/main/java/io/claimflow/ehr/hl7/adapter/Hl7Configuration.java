package io.claimflow.ehr.hl7.adapter;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.claimflow.ehr.config.EhrProperties;
import io.claimflow.ehr.intake.EncounterIntake;
import io.claimflow.platform.audit.AuditTrail;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** HAPI's HL7 v2 context (one per service) and the MLLP listener. */
@Configuration(proxyBeanMethods = false)
class Hl7Configuration {

    /**
     * Every message is read into the v2.5.1 model whatever version it declares (HAPI's canonical model), so one
     * mapper serves 2.3 to 2.5.1 senders. HAPI's own field validation is off: the mapper checks what ClaimFlow needs
     * and answers with ERR segments for each problem instead of failing on the first.
     */
    @Bean(destroyMethod = "close")
    HapiContext hapiContext() {
        HapiContext context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        context.setValidationContext(ValidationContextFactory.noValidation());
        return context;
    }

    @Bean
    Hl7Receiver hl7Receiver(HapiContext hapi, EncounterIntake intake, EhrProperties properties, AuditTrail audit) {
        // the HL7-specific billing provider, else the tenant's (claimflow.ehr.billing-provider)
        EhrProperties.BillingProvider billing = properties.hl7().billingProvider() != null
                ? properties.hl7().billingProvider()
                : properties.billingProvider();
        return new Hl7Receiver(hapi, intake, properties.tenantId(), billing, audit);
    }

    @Bean
    @ConditionalOnProperty(name = "claimflow.ehr.mllp.enabled", havingValue = "true", matchIfMissing = true)
    MllpServer mllpServer(Hl7Receiver receiver, EhrProperties properties) {
        return new MllpServer(receiver::receive, properties.mllp());
    }
}
