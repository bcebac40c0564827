package io.claimflow.patientbilling;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of patient-billing-service. */
@SpringBootApplication
public class PatientBillingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(PatientBillingServiceApplication.class, args);
    }
}
