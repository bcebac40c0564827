package io.claimflow.payersimulator.config;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The simulated payer's configuration (prefix {@code payer-simulator}): who it is, its benefit plans, members,
 * fee schedule and denial rules. Everything the simulator decides follows from these and the order claims arrive
 * in, so tests can predict every amount. {@code crossovers}: by payer id, the payers it forwards a claim to when the
 * claim names one of them as the next payer (Medicare crossover to Medicaid or a Medigap plan). {@code payerTaxIds}:
 * by payer id, the payer's EIN (nine digits) that its ERAs carry as TRN03 after the "1" (each payer its own).
 */
@ConfigurationProperties("payer-simulator")
public record SimulatorProperties(
        String payerId,
        String payerName,
        String interchangeId,
        String payerTaxId,
        String tracePrefix,
        BigDecimal defaultAllowedPercent,
        Map<String, Plan> plans,
        Map<String, Member> members,
        Map<String, BigDecimal> feeSchedule,
        List<Mismatch> diagnosisMismatches,
        List<BundledPair> bundledPairs,
        List<String> authorizationRequired,
        Map<String, List<String>> modifierRequired,
        int timelyFilingDays,
        Faults faults,
        Behaviours behaviours,
        Map<String, List<String>> crossovers,
        Map<String, String> payerTaxIds) {

    /** The defaults of everything not configured, in one place. */
    public SimulatorProperties {
        crossovers = crossovers == null ? Map.of() : Map.copyOf(crossovers);
        payerTaxIds = payerTaxIds == null ? Map.of() : Map.copyOf(payerTaxIds);
        plans = plans == null ? Map.of() : Map.copyOf(plans);
        members = members == null ? Map.of() : Map.copyOf(members);
        feeSchedule = feeSchedule == null ? Map.of() : Map.copyOf(feeSchedule);
        diagnosisMismatches = diagnosisMismatches == null ? List.of() : List.copyOf(diagnosisMismatches);
        bundledPairs = bundledPairs == null ? List.of() : List.copyOf(bundledPairs);
        authorizationRequired = authorizationRequired == null ? List.of() : List.copyOf(authorizationRequired);
        modifierRequired = modifierRequired == null ? Map.of() : Map.copyOf(modifierRequired);
        defaultAllowedPercent = defaultAllowedPercent == null ? new BigDecimal("80") : defaultAllowedPercent;
        faults = faults == null ? new Faults(0, 0, 42L, false, false, false) : faults;
        timelyFilingDays = timelyFilingDays <= 0 ? 365 : timelyFilingDays;
        behaviours = behaviours == null ? new Behaviours(null, null) : behaviours;
    }

    /**
     * The EIN of {@code payerId} for its ERAs' TRN03: the configured one, this simulator's own for its own payer id
     * (or none), else nine digits derived from the payer id, so that no two payers share a payer identifier.
     */
    public String taxIdOf(String payerId) {
        if (payerId == null || payerId.equals(this.payerId)) {
            return payerTaxIds.getOrDefault(this.payerId, payerTaxId);
        }
        String configured = payerTaxIds.get(payerId);
        return configured != null
                ? configured
                : String.format("%09d", Math.floorMod(payerId.hashCode(), 1_000_000_000));
    }

    /**
     * A benefit plan: yearly deductible and out-of-pocket maximum, coinsurance in percent, and a copay charged
     * once per claim on the first line whose procedure code starts with one of {@code copayCodePrefixes} (instead
     * of deductible and coinsurance on that line).
     */
    public record Plan(
            BigDecimal deductible,
            BigDecimal coinsurancePercent,
            BigDecimal copay,
            List<String> copayCodePrefixes,
            BigDecimal outOfPocketMaximum) {

        public Plan {
            copayCodePrefixes = copayCodePrefixes == null ? List.of() : List.copyOf(copayCodePrefixes);
        }
    }

    /** A member (by member id) of a plan, covered from {@code coverageStart} to {@code coverageEnd} inclusive. */
    public record Member(String plan, LocalDate coverageStart, LocalDate coverageEnd) {}

    /** A line billing {@code procedure} whose first diagnosis pointer points at {@code diagnosis} is denied CARC 11. */
    public record Mismatch(String procedure, String diagnosis) {}

    /**
     * {@code bundled} billed on the same date as {@code primary} is denied CARC 97, unless it carries modifier 59
     * or XU.
     */
    public record BundledPair(String primary, String bundled) {}

    /**
     * Fault knobs at start-up (they can be changed at run time over REST): latency, a seeded error rate (HTTP 500),
     * an outage (HTTP 503), a malformed or an unbalanced 835.
     */
    public record Faults(
            long latencyMillis,
            double errorRate,
            long seed,
            boolean outage,
            boolean malformed835,
            boolean unbalanced835) {}

    /**
     * The payer behaviours (see {@link Behaviour}): {@code enabled} is {@code all} or configuration names separated
     * by commas (none by default); {@code every} overrides, by name, which Nth case each applies to.
     */
    public record Behaviours(String enabled, Map<String, Integer> every) {

        public Behaviours {
            enabled = enabled == null ? "" : enabled;
            every = every == null ? Map.of() : Map.copyOf(every);
        }
    }
}
