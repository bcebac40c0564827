package io.claimflow.coding;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.ServiceContract;
import org.springframework.boot.test.context.SpringBootTest;

/** coding-service keeps the contract of every ClaimFlow service: health, readiness, dead letters, endpoint roles. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_coding")
class CodingServiceContractTest extends ServiceContract {

    CodingServiceContractTest() {
        super("claimflow.encounter.documented.v1");
    }
}
