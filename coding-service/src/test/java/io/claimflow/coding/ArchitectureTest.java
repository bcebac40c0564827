package io.claimflow.coding;

import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Domain code (rules, code-set parsing, pipeline, queue and recode services) imports no Kafka, Avro, JDBC or web. */
class ArchitectureTest {

    @Test
    void domainIsFreeOfInfrastructure() {
        ArchitectureRules.checkDomainIsFreeOfInfrastructure(CodingServiceApplication.class);
    }
}
