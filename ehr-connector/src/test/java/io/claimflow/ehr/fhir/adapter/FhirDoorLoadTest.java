package io.claimflow.ehr.fhir.adapter;

import io.claimflow.ehr.config.EhrProperties;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.HttpDoorLoad;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A load test of the FHIR door ({@code POST /fhir}), loopback only, not run in CI: the service as it ships (Tomcat's
 * limits from application.yml, the real parser, checks, outbox and broker), hit with many concurrent bundles,
 * oversized bodies (declared and chunked: 413 without reading them whole, the heap meanwhile) and slow bodies (a byte
 * at a time; one that stops half way), then it prints the limits it held to {@code target/load/fhir-door.txt}.
 *
 * <pre>
 * ./mvnw -B -o -q -pl ehr-connector -am test -Dtest=FhirDoorLoadTest -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dloadtest=true -Dloadtest.clients=32 -Dloadtest.requests=2000 -Dloadtest.slow=50 \
 *   &amp;&amp; cat ehr-connector/target/load/fhir-door.txt
 * </pre>
 */
@EnabledIfSystemProperty(named = "loadtest", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_ehr")
class FhirDoorLoadTest {

    @LocalServerPort
    int port;

    @Autowired
    EhrProperties properties;

    @Value("${server.tomcat.connection-timeout}")
    String connectionTimeout;

    @Value("${server.tomcat.max-connections}")
    String maxConnections;

    @Value("${server.tomcat.threads.max}")
    String threads;

    @Value("${server.tomcat.max-swallow-size}")
    String maxSwallow;

    @Test
    void theDoorHoldsItsLimitsUnderLoad() throws Exception {
        byte[] bundle = Files.readAllBytes(Path.of("src/test/resources/fhir/office-visit-snomed.json"));
        HttpDoorLoad door = new HttpDoorLoad(port, "/fhir", "application/fhir+json", "admin", "demo-admin");
        door.note("FHIR door load test (POST /fhir, loopback, the service as configured, real database and broker)")
                .note("limits: max-bundle-bytes " + properties.maxBundleBytes() + ", tomcat connection-timeout "
                        + connectionTimeout
                        + ", max-connections " + maxConnections + ", threads " + threads + ", max-swallow-size "
                        + maxSwallow);
        door.holdsItsLimits(bundle, 200, "fhir-door");
    }
}
