package io.claimflow.ehr;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.EndpointSecurity;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * Every REST endpoint of ehr-connector declares its roles with {@code @PreAuthorize} and answers accordingly: 401
 * without credentials, 403 for every other role, neither for its own roles. Endpoints are read from the running
 * application, so a new one is checked (or fails for lack of a rule) without changes here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_ehr")
class EhrConnectorEndpointSecurityTest {

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicNode> everyEndpointAnswersOnlyItsRoles() {
        return EndpointSecurity.of(context, port).tests();
    }
}
