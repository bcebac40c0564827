package io.claimflow.claim;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.ServiceContract;
import org.springframework.boot.test.context.SpringBootTest;

/** claim-service keeps the contract of every ClaimFlow service: health, readiness, dead letters, endpoint roles. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_claim")
class ClaimServiceContractTest extends ServiceContract {

    ClaimServiceContractTest() {
        super("claimflow.encounter.coded.v1");
    }
}
