package io.claimflow.adjudication;

import io.claimflow.payersimulator.config.SimulatorProperties;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** The payer simulator's settings for the gateway's tests: this payer, the simulator's defaults otherwise. */
public final class SimulatedPayers {

    private SimulatedPayers() {}

    /** The payer: its id, name, interchange id (ISA), tax id and trace prefix; no plans, members or fee schedule. */
    public static SimulatorProperties payer(
            String payerId, String payerName, String interchangeId, String payerTaxId, String tracePrefix) {
        return payer(
                payerId, payerName, interchangeId, payerTaxId, tracePrefix, Map.of(), Map.of(), Map.of(), Map.of());
    }

    /**
     * The payer with its benefit plans, members and fee schedule, and the payers it forwards claims to (crossovers),
     * the simulator's defaults otherwise.
     */
    public static SimulatorProperties payer(
            String payerId,
            String payerName,
            String interchangeId,
            String payerTaxId,
            String tracePrefix,
            Map<String, SimulatorProperties.Plan> plans,
            Map<String, SimulatorProperties.Member> members,
            Map<String, BigDecimal> feeSchedule,
            Map<String, List<String>> crossovers) {
        return new SimulatorProperties(
                payerId,
                payerName,
                interchangeId,
                payerTaxId,
                tracePrefix,
                null,
                plans,
                members,
                feeSchedule,
                null,
                null,
                null,
                null,
                0,
                null,
                null,
                crossovers,
                null);
    }
}
