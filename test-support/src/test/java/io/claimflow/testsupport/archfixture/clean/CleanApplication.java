package io.claimflow.testsupport.archfixture.clean;

import org.apache.kafka.clients.producer.Producer;

/** Fixture: the application root may wire infrastructure. */
public class CleanApplication {
    Producer<String, byte[]> producer;
}
