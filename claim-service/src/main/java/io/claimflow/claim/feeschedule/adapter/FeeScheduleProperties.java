package io.claimflow.claim.feeschedule.adapter;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code claimflow.claim.fee-schedule.*}.
 *
 * @param checkInterval how often, at most, the fee-schedule rows kept in memory are checked against the database's
 *     revision (a change by another instance); a change in this instance applies when it commits
 */
@ConfigurationProperties("claimflow.claim.fee-schedule")
public record FeeScheduleProperties(@DefaultValue("2s") Duration checkInterval) {}
