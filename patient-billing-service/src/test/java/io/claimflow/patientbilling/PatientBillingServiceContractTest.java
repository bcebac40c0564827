package io.claimflow.patientbilling;

import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.ServiceContract;
import org.springframework.boot.test.context.SpringBootTest;

/** patient-billing-service keeps the contract of every ClaimFlow service: health, readiness, dead letters, endpoint roles. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ClaimFlowInfrastructure(database = "claimflow_patient_billing")
class PatientBillingServiceContractTest extends ServiceContract {

    PatientBillingServiceContractTest() {
        super("claimflow.payment.posted.v1");
    }
}
