package io.claimflow.patientbilling;

import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Domain packages (ledger, account, statement, plan) import no Kafka, Avro, JDBC or web; adapters do that. */
class ArchitectureTest {

    @Test
    void domainIsFreeOfInfrastructure() {
        ArchitectureRules.checkDomainIsFreeOfInfrastructure(PatientBillingServiceApplication.class);
    }
}
