package io.claimflow.coding.config;

import io.claimflow.coding.codeset.CodeSetImporter;
import io.claimflow.coding.codeset.CodeSetStore;
import io.claimflow.coding.codeset.StarterSet;
import io.claimflow.coding.rules.CodeSets;
import io.claimflow.coding.rules.Crosswalk;
import io.claimflow.coding.rules.EncounterCoder;
import io.claimflow.coding.rules.Recoder;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the pure coding rules to the code sets in PostgreSQL and loads the starter set before listeners start. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CodingProperties.class)
class CodingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CodingConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    Crosswalk crosswalk() {
        Crosswalk crosswalk = CrosswalkLoader.load();
        log.info(
                "SNOMED CT crosswalk: {} concepts to ICD-10-CM, {} to CPT/HCPCS",
                crosswalk.icdConcepts(),
                crosswalk.procedureConcepts());
        return crosswalk;
    }

    @Bean
    EncounterCoder encounterCoder(CodeSets codeSets, Crosswalk crosswalk) {
        return new EncounterCoder(codeSets, crosswalk);
    }

    @Bean
    Recoder recoder(EncounterCoder coder, CodeSets codeSets, CodingProperties properties) {
        return new Recoder(coder, codeSets, properties.maxAutomaticRecodeAttempts());
    }

    /** Runs during context start-up, so before the Kafka listener containers start consuming. */
    @Bean
    InitializingBean starterSetLoader(CodeSetStore store, CodeSetImporter importer, CodingProperties properties) {
        return () -> {
            if (properties.starterSet() && StarterSet.loadIfEmpty(store, importer)) {
                log.info("Loaded the starter code set (no release was in the database)");
            }
        };
    }
}
