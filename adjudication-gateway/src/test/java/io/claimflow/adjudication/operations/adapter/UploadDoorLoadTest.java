package io.claimflow.adjudication.operations.adapter;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.HttpDoorLoad;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A load test of the gateway's upload door ({@code POST /api/adjudication/remittances/upload}), loopback only, not
 * run in CI: the service as it ships (Tomcat's limits from application.yml, ingestion into the real database), hit
 * with many concurrent uploads (a file that is no X12: quarantined, 422, its first 64 KiB kept), oversized bodies
 * (declared and chunked: 413 without reading them whole, the heap meanwhile) and slow bodies (a byte at a time; one
 * that stops half way); it prints the limits it held to {@code target/load/upload-door.txt}.
 *
 * <pre>
 * ./mvnw -B -o -q -pl adjudication-gateway -am test -Dtest=UploadDoorLoadTest -Dsurefire.failIfNoSpecifiedTests=false \
 *   -Dloadtest=true -Dloadtest.clients=32 -Dloadtest.requests=2000 -Dloadtest.slow=50 \
 *   &amp;&amp; cat adjudication-gateway/target/load/upload-door.txt
 * </pre>
 */
@EnabledIfSystemProperty(named = "loadtest", matches = "true")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_adjudication")
class UploadDoorLoadTest {

    @LocalServerPort
    int port;

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
        byte[] notX12 = "NOT AN INTERCHANGE\n".repeat(200).getBytes(StandardCharsets.US_ASCII);
        HttpDoorLoad door = new HttpDoorLoad(
                port, "/api/adjudication/remittances/upload", "application/edi-x12", "biller", "demo-biller");
        door.note("Upload door load test (POST /api/adjudication/remittances/upload, loopback, the service as "
                        + "configured, real database)")
                .note("limits: upload " + GatewayController.MAX_UPLOAD_BYTES + " bytes, garbage kept "
                        + GatewayController.KEPT_OF_GARBAGE + " bytes, tomcat connection-timeout " + connectionTimeout
                        + ", max-connections " + maxConnections + ", threads " + threads + ", max-swallow-size "
                        + maxSwallow);
        door.holdsItsLimits(notX12, 422, "upload-door");
    }
}
