package io.claimflow.testsupport.archfixture.edge.claim;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** Fixture: configuration properties in a domain package. */
@ConfigurationProperties("claim")
public record ClaimSettings(int days) {}
