package io.claimflow.adjudication;

import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Domain code (claim, submission, response, x12) stays free of Kafka, Avro, JDBC and web; adapters do that. */
class ArchitectureTest {

    @Test
    void domainIsFreeOfInfrastructure() {
        ArchitectureRules.checkDomainIsFreeOfInfrastructure(AdjudicationGatewayApplication.class);
    }
}
