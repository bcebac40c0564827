package io.claimflow.payersimulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.payersimulator.Claims837.Claim;
import io.claimflow.payersimulator.adjudication.Behaviour;
import io.claimflow.payersimulator.adjudication.PayerBehaviours;
import io.claimflow.payersimulator.adjudication.PayerSimulator;
import io.claimflow.payersimulator.config.SimulatorProperties;
import io.claimflow.payersimulator.guide.GuideRules;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Each payer behaviour, switched on alone (on every case it fits, {@code every.<name>=1}), does what real payers do,
 * and every file it produces still follows the guides ({@link GuideRules}). Amounts follow payer-simulator.yml: the
 * PPO member pays a 25.00 copay on the first office visit line; 99214 is allowed 128.74 (paid 103.74), 99213 92.47
 * (paid 67.47), 99215 180.43 (paid 155.43).
 */
class PayerBehavioursTest {

    private static final LocalDate MARCH_2 = LocalDate.of(2026, 3, 2);
    private static final LocalDate MARCH_3 = LocalDate.of(2026, 3, 3);
    private static final LocalDate MARCH_4 = LocalDate.of(2026, 3, 4);

    @Test
    void offByDefaultAndEveryNameIsChecked() {
        SimulatorProperties shipped = TestSimulators.properties(Map.of());
        assertThat(new PayerBehaviours(shipped.behaviours()).enabled()).isEmpty();
        assertThat(new PayerBehaviours(TestSimulators.properties(Map.of("behaviours.enabled", "all"))
                                .behaviours())
                        .enabled())
                .containsExactlyInAnyOrder(Behaviour.values());
        assertThat(new PayerBehaviours(TestSimulators.properties(Map.of("behaviours.enabled", "pend, interest"))
                                .behaviours())
                        .enabled())
                .containsExactlyInAnyOrder(Behaviour.PEND, Behaviour.INTEREST);
        assertThatThrownBy(() -> new PayerBehaviours(new SimulatorProperties.Behaviours("pend,refund", null)))
                .hasMessageContaining("unknown payer behaviour 'refund'")
                .hasMessageContaining("split-payment");
        assertThatThrownBy(() -> new PayerBehaviours(new SimulatorProperties.Behaviours("pend", Map.of("pend", 0))))
                .hasMessageContaining("every.pend must be 1 or more");
    }

    @Test
    void theLocalStackSwitchesThemOnThroughTheSimulatorsEnvironment() {
        // ./stack up --payer-behaviours reversal,pend sets this variable for the simulator's process (StackConfig)
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("PAYERSIMULATOR_BEHAVIOURS_ENABLED", "reversal,pend"));
        SimulatorProperties properties = new Binder(ConfigurationPropertySources.from(environment))
                .bind("payer-simulator", SimulatorProperties.class)
                .get();
        assertThat(new PayerBehaviours(properties.behaviours()).enabled())
                .containsExactlyInAnyOrder(Behaviour.REVERSAL, Behaviour.PEND);
    }

    @Test
    void everyNthCaseIsDrawnTheSameWayEachRun() {
        PayerBehaviours behaviours =
                new PayerBehaviours(new SimulatorProperties.Behaviours("interest", Map.of("interest", 3)));
        List<Boolean> draws = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            draws.add(behaviours.draw(Behaviour.INTEREST));
        }
        assertThat(draws).containsExactly(false, false, true, false, false, true, false);
        assertThat(behaviours.draw(Behaviour.PEND)).isFalse();
    }

    @Test
    void reversalOfTheReplacedClaimWithNegativeAmountsAndItsBalanceCarriedForward() {
        Mailbox payer = new Mailbox("reversal");
        payer.send(Claims837.interchange(1, false, Claim.original("PCN-A", MARCH_2, "99214:165")));
        String first = payer.only("835");
        String icn = clp(first, "PCN-A").split("\\*")[7];

        payer.send(Claims837.interchange(2, false, Claim.replacement("PCN-A", icn, MARCH_2, "99213:165")));
        String second = payer.only("835");

        // the original reversed whole (same payer claim number), then the replacement paid under a new one
        assertThat(second)
                .contains("CLP*PCN-A*22*-165*-103.74*-25*12*" + icn + "*11*1~\n"
                        + "NM1*QC*1*DOE*JANE****MI*BHP884120337~\nSVC*HC:99214*-165*-103.74**1~\nDTM*472*20260302~\n"
                        + "CAS*CO*45*-36.26~\nCAS*PR*3*-25~");
        assertThat(second.indexOf("*22*")).isLessThan(second.indexOf("CLP*PCN-A*1*165*67.47*25*12*"));
        assertThat(second).doesNotContain("CLP*PCN-A*1*165*67.47*25*12*" + icn + "*");
        // -103.74 + 67.47 = -36.27: nothing paid, the payer's balance goes forward (FB) under this 835's trace ...
        String trace = trace(second);
        assertThat(second).contains("BPR*H*0*C*NON").contains("PLB*1847362914*20261231*FB:" + trace + "*-36.27~");

        // ... and is taken back from the next payment
        payer.send(Claims837.interchange(3, false, Claim.original("PCN-B", MARCH_3, "99215:250")));
        assertThat(payer.only("835"))
                .contains("BPR*I*119.16*C*CHK")
                .contains("PLB*1847362914*20261231*FB:" + trace + "*36.27~");
        payer.assertAllConform();
    }

    @Test
    void withoutTheBehaviourAReplacementIsPaidAndTheOriginalLeftAlone() {
        Mailbox payer = new Mailbox("");
        payer.send(Claims837.interchange(1, false, Claim.original("PCN-A", MARCH_2, "99214:165")));
        String icn = clp(payer.only("835"), "PCN-A").split("\\*")[7];
        payer.send(Claims837.interchange(2, false, Claim.replacement("PCN-A", icn, MARCH_2, "99213:165")));
        assertThat(payer.only("835")).doesNotContain("*22*").doesNotContain("PLB");
    }

    @Test
    void aPaymentSplitOverTwo835s() {
        Mailbox payer = new Mailbox("split-payment");
        payer.send(Claims837.interchange(1, false, Claim.original("PCN-S", MARCH_2, "99214:165", "36415:10")));
        List<String> eras = payer.take("835");
        assertThat(eras).hasSize(2);
        String icn = clp(eras.get(0), "PCN-S").split("\\*")[7];
        assertThat(clp(eras.get(0), "PCN-S")).isEqualTo("CLP*PCN-S*1*165*103.74*25*12*" + icn + "*11*1");
        assertThat(eras.get(0)).contains("SVC*HC:99214").doesNotContain("SVC*HC:36415");
        // 36415: allowed 3.00, all of it to the deductible
        assertThat(clp(eras.get(1), "PCN-S")).isEqualTo("CLP*PCN-S*1*10*0*3*12*" + icn + "*11*1");
        assertThat(trace(eras.get(0))).isNotEqualTo(trace(eras.get(1)));
        payer.assertAllConform();
    }

    @Test
    void theSame835SentTwice() {
        Mailbox payer = new Mailbox("duplicate-835");
        payer.send(Claims837.interchange(1, false, Claim.original("PCN-D", MARCH_2, "99214:165")));
        List<String> eras = payer.take("835");
        assertThat(eras).hasSize(2);
        assertThat(eras.get(1)).isEqualTo(eras.get(0));
        payer.assertAllConform();
    }

    @Test
    void anOverpaymentUnderANewTraceAndItsTakebackThroughPlbWo() {
        Mailbox payer = new Mailbox("overpayment,takeback");
        payer.send(Claims837.interchange(1, false, Claim.original("PCN-O", MARCH_2, "99214:165")));
        List<String> eras = payer.take("835");
        assertThat(eras).hasSize(2);
        assertThat(clp(eras.get(1), "PCN-O")).isEqualTo(clp(eras.get(0), "PCN-O"));
        assertThat(trace(eras.get(1))).isNotEqualTo(trace(eras.get(0)));
        assertThat(eras.get(1)).contains("BPR*I*103.74*").doesNotContain("PLB");

        // the next payment that covers it recovers the 103.74 paid twice (its own overpayment comes after)
        payer.send(Claims837.interchange(2, false, Claim.original("PCN-P", MARCH_3, "99215:250")));
        List<String> next = payer.take("835");
        assertThat(next.get(0))
                .contains("CLP*PCN-P*1*250*155.43*")
                .contains("BPR*I*51.69*")
                .contains("PLB*1847362914*20261231*WO:PCN-O*103.74~");
        payer.assertAllConform();
    }

    @Test
    void interestThroughPlbL6() {
        Mailbox payer = new Mailbox("interest");
        payer.send(Claims837.interchange(1, false, Claim.original("PCN-I", MARCH_2, "99214:165")));
        // 1 % of 103.74, to the cent; a negative PLB amount adds to the payment
        assertThat(payer.only("835"))
                .contains("BPR*I*104.78*C*CHK")
                .contains("PLB*1847362914*20261231*L6:PCN-I*-1.04~");
        payer.assertAllConform();
    }

    @Test
    void aClaimPendedByA277AndPaidOnceTheSubmitterHasTakenIt() {
        Mailbox payer = new Mailbox("pend");
        payer.send(Claims837.interchange(1, false, Claim.original("PCN-W", MARCH_2, "99214:165")));
        List<PayerSimulator.Response> waiting = payer.simulator.pending(null);
        assertThat(waiting).extracting(PayerSimulator.Response::type).containsExactly("277CA", "277");
        String ca = payer.text(waiting.get(0));
        String pend = payer.text(waiting.get(1));
        assertThat(ca).contains("TRN*2*PCN-W~\nSTC*A2:20:PR*20260312*WQ*165~\nREF*1K*");
        assertThat(pend).contains("TRN*2*PCN-W~\nSTC*P1:20:PR*20260312*WQ*165~\nREF*1K*");
        // not paid while the 277 waits to be taken
        assertThat(payer.simulator.pending(null))
                .extracting(PayerSimulator.Response::type)
                .containsExactly("277CA", "277");
        payer.take("277CA");
        payer.take("277");
        assertThat(clp(payer.only("835"), "PCN-W")).startsWith("CLP*PCN-W*1*165*103.74*25*12*");
        payer.assertAllConform();
    }

    @Test
    void a999RejectingTheWholeGroupWithoutAk2() {
        Mailbox payer = new Mailbox("group-rejection");
        String ack = payer.send(Claims837.interchange(
                1,
                false,
                Claim.original("PCN-G", MARCH_2, "99214:165"),
                Claim.original("PCN-H", MARCH_3, "99213:100")));
        assertThat(ack).contains("AK1*HC*1*005010X222A1~\nAK9*R*2*2*0*5~").doesNotContain("AK2");
        assertThat(payer.simulator.pending(null)).isEmpty();
        payer.assertAllConform();
    }

    @Test
    void aTa1WhenTheInterchangeAsksForOne() {
        Mailbox payer = new Mailbox("ta1");
        payer.send(Claims837.interchange(42, true, Claim.original("PCN-T", MARCH_2, "99214:165")));
        assertThat(payer.only("TA1")).contains("TA1*000000042*260311*0200*A*000~\nIEA*0*");
        payer.take("277CA");
        payer.take("835");
        payer.send(Claims837.interchange(43, false, Claim.original("PCN-U", MARCH_4, "99214:165")));
        assertThat(payer.take("TA1")).isEmpty();
        payer.assertAllConform();
    }

    @Test
    void aTa1RejectingTheInterchangeInsteadOfA999() {
        Mailbox payer = new Mailbox("ta1-rejection");
        byte[] interchange = Claims837.interchange(7, true, Claim.original("PCN-R", MARCH_2, "99214:165"));
        String answer = payer.send(interchange);
        assertThat(answer).contains("TA1*000000007*260311*0200*R*024~").doesNotContain("GS*");
        assertThat(payer.simulator.pending(null)).isEmpty();
        assertThat(payer.send(interchange)).isEqualTo(answer);
        payer.assertAllConform();
    }

    private static String clp(String era, String pcn) {
        Matcher m = Pattern.compile("^CLP\\*" + Pattern.quote(pcn) + "\\*1\\*.*$", Pattern.MULTILINE)
                .matcher(era);
        assertThat(m.find()).as("a CLP for " + pcn + " in\n" + era).isTrue();
        return m.group().replaceAll("~$", "");
    }

    private static String trace(String era) {
        Matcher m = Pattern.compile("^TRN\\*1\\*([^*]+)\\*", Pattern.MULTILINE).matcher(era);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    /** The simulator with behaviours switched on (each on every case) and every file it answered with. */
    private static final class Mailbox {
        final PayerSimulator simulator;
        final List<byte[]> files = new ArrayList<>();

        Mailbox(String behaviours) {
            Map<String, String> overrides = new HashMap<>();
            overrides.put("behaviours.enabled", behaviours);
            for (Behaviour b : Behaviour.values()) {
                overrides.put("behaviours.every." + b.configName(), "1");
            }
            simulator = TestSimulators.simulator(overrides);
        }

        String send(byte[] interchange) {
            byte[] answer = simulator.receive(interchange);
            files.add(answer);
            return new String(answer, StandardCharsets.US_ASCII);
        }

        /** Takes (fetches and acknowledges) every waiting file of this type, oldest first. */
        List<String> take(String type) {
            List<String> taken = new ArrayList<>();
            for (PayerSimulator.Response r : simulator.pending(null)) {
                if (r.type().equals(type)) {
                    taken.add(text(r));
                    simulator.acknowledge(r.id());
                }
            }
            return taken;
        }

        String only(String type) {
            List<String> taken = take(type);
            assertThat(taken).as(type + " files").hasSize(1);
            return taken.get(0);
        }

        String text(PayerSimulator.Response pending) {
            byte[] content = simulator.response(pending.id()).orElseThrow().content();
            if (files.stream().noneMatch(f -> f == content)) {
                files.add(content);
            }
            return new String(content, StandardCharsets.US_ASCII);
        }

        void assertAllConform() {
            List<String> broken = new ArrayList<>();
            for (byte[] file : files) {
                GuideRules.violations(file)
                        .forEach(v -> broken.add(v + " in\n" + new String(file, StandardCharsets.US_ASCII)));
            }
            assertThat(broken).isEmpty();
        }
    }
}
