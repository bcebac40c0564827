package io.claimflow.adjudication;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of adjudication-gateway. */
@SpringBootApplication
public class AdjudicationGatewayApplication {

    public static void main(String[] args) {
        SpringApplication.run(AdjudicationGatewayApplication.class, args);
    }
}
