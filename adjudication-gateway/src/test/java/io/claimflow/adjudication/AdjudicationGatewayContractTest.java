package io.claimflow.adjudication;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.ServiceContract;
import org.springframework.boot.test.context.SpringBootTest;

/** adjudication-gateway keeps the contract of every ClaimFlow service: health, readiness, dead letters, endpoint roles. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_adjudication")
class AdjudicationGatewayContractTest extends ServiceContract {

    AdjudicationGatewayContractTest() {
        super("claimflow.claim.submitted.v1");
    }
}
