package io.claimflow.coding;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Entry point of coding-service. */
@SpringBootApplication
public class CodingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CodingServiceApplication.class, args);
    }
}
