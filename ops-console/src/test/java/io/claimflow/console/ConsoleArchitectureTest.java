package io.claimflow.console;

import io.claimflow.testsupport.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** Read model, KPI and service-call ports import no Kafka, Avro, JDBC or web; adapters and config do that. */
class ConsoleArchitectureTest {

    @Test
    void domainIsFreeOfInfrastructure() {
        ArchitectureRules.checkDomainIsFreeOfInfrastructure(OpsConsoleApplication.class);
    }
}
