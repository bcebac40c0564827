package io.claimflow.ehr;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.ServiceContract;
import org.springframework.boot.test.context.SpringBootTest;

/** ehr-connector keeps the contract of every ClaimFlow service: health, readiness, endpoint roles (it consumes no topic). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_ehr")
class EhrConnectorContractTest extends ServiceContract {

    EhrConnectorContractTest() {
        super(null);
    }
}
