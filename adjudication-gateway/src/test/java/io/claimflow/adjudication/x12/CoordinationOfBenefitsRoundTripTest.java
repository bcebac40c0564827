package io.claimflow.adjudication.x12;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.adjudication.SimulatedPayers;
import io.claimflow.adjudication.claim.adapter.ClaimSubmittedMapper;
import io.claimflow.adjudication.response.Balancing;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.PayerResponsibility;
import io.claimflow.payersimulator.adjudication.Faults;
import io.claimflow.payersimulator.adjudication.PayerSimulator;
import io.claimflow.payersimulator.config.SimulatorProperties;
import io.claimflow.schemas.json.Samples;
import io.claimflow.x12.X12Segments;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The gateway's secondary 837P through the payer simulator and its 835s back through the gateway's reader: the two
 * sides of coordination of benefits meet (loops 2320/2330/2430 read as the writer meant them; the secondary's and the
 * crossover's 835s balance and carry what posting needs). The simulator here: BKHP1's PPO plan for member
 * BHP884120337 (copay 25.00 on 99214, deductible 500.00), Ohio Medicaid (MCD01, no patient share) for member
 * OH55512345; BKHP1 crosses over to MCD01.
 */
class CoordinationOfBenefitsRoundTripTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-12T09:30:00Z"), ZoneOffset.UTC);

    final Professional837Writer writer = new Professional837Writer();

    @Test
    void theSecondaryAdjudicatesTheGatewaysLoopsAndItsEraBalances() {
        PayerSimulator simulator = simulator();
        byte[] x12 = writer.write(
                Professional837WriterTest.ENVELOPE,
                List.of(new ClaimTransaction(
                        7, ClaimSubmittedMapper.toClaim(Professional837CoordinationOfBenefitsTest.secondaryClaim()))));

        simulator.receive(x12);

        List<Remittance> eras = eras(simulator);
        assertThat(eras).hasSize(1);
        Remittance era = eras.get(0);
        assertThat(Balancing.problems(era)).isEmpty();
        assertThat(era.payerId()).isEqualTo("MCD01");
        Remittance.ClaimPayment clp = era.claims().get(0);
        assertThat(clp.patientControlNumber()).isEqualTo("RFM20260311000317");
        assertThat(clp.statusCode()).isEqualTo("2");
        // 99214: Medicaid allows 128.74, less the primary's 100.00 = 28.74, capped at the 25.00 the primary left
        // 83036: allows 13.42, the primary paid 30.00 already: nothing
        assertThat(clp.paidAmount()).isEqualByComparingTo("25.00");
        assertThat(clp.lines().get(0).adjustments()).contains(new Remittance.Cas("OA", "23", new BigDecimal("100.00")));
        assertThat(clp.lines().get(1).adjustments()).contains(new Remittance.Cas("OA", "23", new BigDecimal("30.00")));
    }

    @Test
    void aCrossoverGivesThePrimarysEraWithTheCarrierAndTheSecondarysEraForTheSameClaim() {
        PayerSimulator simulator = simulator();
        ClaimSubmitted event = Samples.load(ClaimSubmitted.class);
        event.setOtherCoverages(
                List.of(Professional837CoordinationOfBenefitsTest.medicaid(PayerResponsibility.SECONDARY)));
        byte[] x12 = writer.write(
                Professional837WriterTest.ENVELOPE,
                List.of(new ClaimTransaction(8, ClaimSubmittedMapper.toClaim(event))));

        simulator.receive(x12);

        List<Remittance> eras = eras(simulator);
        assertThat(eras).hasSize(2);
        eras.forEach(era -> assertThat(Balancing.problems(era)).isEmpty());
        Remittance.ClaimPayment primary = eras.get(0).claims().get(0);
        assertThat(eras.get(0).payerId()).isEqualTo("BKHP1");
        assertThat(primary.statusCode()).isEqualTo("19");
        assertThat(primary.crossoverCarrierId()).isEqualTo("MCD01");
        assertThat(primary.crossoverCarrierName()).isEqualTo("OHIO MEDICAID");
        // the PPO: 99214 allowed 128.74 less the 25.00 copay; 83036 allowed 13.42 all to the deductible
        assertThat(primary.paidAmount()).isEqualByComparingTo("103.74");
        Remittance.ClaimPayment secondary = eras.get(1).claims().get(0);
        assertThat(eras.get(1).payerId()).isEqualTo("MCD01");
        assertThat(secondary.patientControlNumber()).isEqualTo(primary.patientControlNumber());
        assertThat(secondary.statusCode()).isEqualTo("2");
        // Medicaid pays what the PPO left to the patient, up to its own allowed: 25.00 + 13.42
        assertThat(secondary.paidAmount()).isEqualByComparingTo("38.42");
        assertThat(secondary.patientResponsibility()).isEqualByComparingTo("0.00");
        assertThat(secondary.lines().get(0).adjustments())
                .contains(new Remittance.Cas("OA", "23", new BigDecimal("103.74")));
    }

    static PayerSimulator simulator() {
        SimulatorProperties properties = SimulatedPayers.payer(
                "BKHP1",
                "Buckeye Health Plan",
                "SIMPAYER",
                "310000001",
                "COBEFT",
                Map.of(
                        "buckeye-ppo",
                        new SimulatorProperties.Plan(
                                new BigDecimal("500.00"),
                                new BigDecimal("20"),
                                new BigDecimal("25.00"),
                                List.of("9921"),
                                new BigDecimal("3000.00")),
                        "medicaid",
                        new SimulatorProperties.Plan(
                                BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, List.of(), BigDecimal.ZERO)),
                Map.of(
                        "BHP884120337",
                        new SimulatorProperties.Member(
                                "buckeye-ppo", LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31)),
                        "OH55512345",
                        new SimulatorProperties.Member(
                                "medicaid", LocalDate.of(2025, 1, 1), LocalDate.of(2027, 12, 31))),
                Map.of("99214", new BigDecimal("128.74"), "83036", new BigDecimal("13.42")),
                Map.of("BKHP1", List.of("MCD01")));
        return new PayerSimulator(properties, new Faults(properties.faults()), CLOCK);
    }

    static List<Remittance> eras(PayerSimulator simulator) {
        return simulator.pending(null).stream()
                .filter(r -> r.type().equals("835"))
                .flatMap(r ->
                        Remittance835Reader.read(X12Segments.read(
                                        simulator.response(r.id()).orElseThrow().content()))
                                .stream())
                .toList();
    }
}
