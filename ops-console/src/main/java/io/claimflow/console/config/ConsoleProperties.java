package io.claimflow.console.config;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code claimflow.console.*}: where the services are and how long a call to one may take.
 *
 * @param services base URL per service name (coding-service, claim-service, adjudication-gateway,
 *     patient-billing-service, ehr-connector)
 * @param callTimeout read timeout of a REST call to a service
 * @param healthTimeout timeout of a health probe on the pipeline page (the probes run in parallel)
 * @param brokerTimeout how long the pipeline page waits for the brokers' offsets (lag, dead letters)
 * @param zone the time zone the pages show times in (the practice's local time; the read model keeps instants)
 */
@ConfigurationProperties("claimflow.console")
public record ConsoleProperties(
        Map<String, URI> services,
        @DefaultValue("5s") Duration callTimeout,
        @DefaultValue("800ms") Duration healthTimeout,
        @DefaultValue("800ms") Duration brokerTimeout,
        @DefaultValue("America/New_York") ZoneId zone) {

    public ConsoleProperties {
        services = services == null ? Map.of() : new LinkedHashMap<>(services);
    }
}
