package io.claimflow.platform.security;

import io.claimflow.platform.PlatformTest;
import io.claimflow.testsupport.EndpointSecurity;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/** The endpoint-security harness on the platform's own endpoints (dead letters, audit search) and the test app's. */
@PlatformTest
class PlatformEndpointSecurityTest {

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @TestFactory
    Stream<DynamicNode> everyEndpointAnswersOnlyItsRoles() {
        return EndpointSecurity.of(context, port)
                .withRoles("GET", "/test/claims/{claimId}/owned", "BILLER")
                .withPlaceholder("claimId", "c-1")
                .tests();
    }
}
