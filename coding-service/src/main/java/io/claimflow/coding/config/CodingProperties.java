package io.claimflow.coding.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * coding-service settings ({@code claimflow.coding.*}).
 *
 * @param starterSet load the shipped starter code set at start-up when no release is in the database
 * @param maxAutomaticRecodeAttempts recode attempts answered by the rules; later ones go to the coder queue
 * @param maxPageSize largest page of the coder queue listing
 * @param codeSetCheckInterval how often, at most, the code-set rows kept in memory are checked against the newest
 *     release in the database (an import by another instance); an import in this instance applies when it commits
 */
@ConfigurationProperties("claimflow.coding")
public record CodingProperties(
        @DefaultValue("true") boolean starterSet,
        @DefaultValue("1") int maxAutomaticRecodeAttempts,
        @DefaultValue("100") int maxPageSize,
        @DefaultValue("2s") Duration codeSetCheckInterval) {}
