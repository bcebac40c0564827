package io.claimflow.console;

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
 * Every page and endpoint of the console declares its roles with {@code @PreAuthorize} and answers accordingly
 * (401 without credentials, 403 for every other role, let in for its roles); the login page is the one public page.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_console")
class ConsoleEndpointSecurityTest {

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicNode> everyEndpointAnswersOnlyItsRoles() {
        return EndpointSecurity.of(context, port).withPublicPath("/login").tests();
    }
}
