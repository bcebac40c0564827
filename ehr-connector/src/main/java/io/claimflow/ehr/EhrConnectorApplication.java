package io.claimflow.ehr;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Entry point of ehr-connector: FHIR R4 bundles and HL7 v2 DFT^P03 messages in, EncounterDocumented out. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EhrConnectorApplication {

    public static void main(String[] args) {
        SpringApplication.run(EhrConnectorApplication.class, args);
    }
}
