package io.claimflow.payersimulator.guide;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.payersimulator.TestSimulators;
import io.claimflow.payersimulator.adjudication.PayerSimulator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every file the simulator writes follows the 5010 guides' usage rules ({@link GuideRules}: 999 X231A1, 277CA X214,
 * 835 X221A1), and the rules themselves catch the faults a validator reported on the simulator's earlier files.
 */
class GuideConformanceTest {

    @Test
    void the999The277caAndThe835OfAnOrdinaryInterchangeConform() {
        PayerSimulator simulator = TestSimulators.simulator(Map.of());
        List<byte[]> files = new ArrayList<>();
        files.add(simulator.receive(TestSimulators.fixture("fixtures/three-claims-837.x12")));
        simulator
                .pending(null)
                .forEach(r -> files.add(simulator.response(r.id()).orElseThrow().content()));

        assertThat(files).hasSize(3);
        assertConform(files);
        String ca = text(files.get(1));
        // the rejected claim's reason is the free-form text of STC12, the provider-level STC has no date (STC02)
        assertThat(ca)
                .contains("STC*A3:33:IL*20260312*U*210********SUBSCRIBER AND SUBSCRIBER ID NOT FOUND~")
                .contains("STC*A1:19:PR**WQ*");
        assertThat(text(files.get(2))).startsWith("ISA").contains("ST*835*0001~");
    }

    @Test
    void theRulesCatchTheFaultsOfTheEarlierFiles() {
        String ca = envelope(
                "HN",
                "005010X214",
                String.join(
                        "~\n",
                        "ST*277*0001*005010X214",
                        "BHT*0085*08*277CA1*20260312*0930*TH",
                        "HL*1**20*1",
                        "NM1*AY*2*PAYER*****46*SIMPAYER",
                        "TRN*1*277CA1",
                        "DTP*050*D8*20260312",
                        "DTP*009*D8*20260312",
                        "HL*2*1*21*1",
                        "NM1*41*2*SUBMITTER*****46*CLAIMFLOW",
                        "TRN*2*42",
                        "STC*A1:19:PR*20260312*WQ*210",
                        "HL*3*2*19*1",
                        "NM1*85*2*CLINIC*****XX*1234567893",
                        "TRN*1*PRV0001",
                        "STC*A1:19:PR*20260312*WQ*210",
                        "HL*4*3*PT",
                        "NM1*QC*1*DOE*JANE****MI*X1",
                        "TRN*2*PCN1",
                        "STC*A3:33:IL*20260312*U*210******SUBSCRIBER NOT FOUND",
                        "DTP*472*D8*20260310",
                        "SE*21*0001"));
        assertThat(GuideRules.violations(ca.getBytes(StandardCharsets.US_ASCII)))
                .contains("277 2000C STC02 is Not Used but was sent: [20260312]")
                .contains("a rejected claim's STC carries the payer's reason in STC12");

        String era = envelope(
                "HP",
                "005010X221A1",
                String.join(
                        "~\n",
                        "ST*835*0001*005010X221A1",
                        "BPR*I*100*C*CHK************20260312",
                        "TRN*1*T1*1310000001",
                        "N1*PR*PAYER",
                        "N3*1 WAY",
                        "N4*COLUMBUS*OH*43215",
                        "PER*BL*DESK*TE*8005550100",
                        "N1*PE*CLINIC*XX*1234567893",
                        "LX*1",
                        "CLP*PCN1*1*210*90**12*ICN1",
                        "NM1*QC*1*DOE*JANE****MI*X1",
                        "SVC*HC:99214*210*90**1",
                        "CAS*CO*45*100",
                        "PLB*1234567893*20261231*L6:PCN1*1.50",
                        "SE*15*0001"));
        assertThat(GuideRules.violations(era.getBytes(StandardCharsets.US_ASCII)))
                .contains("835 ST ST03 is Not Used but was sent: [005010X221A1]")
                .contains("claim PCN1: CLP03 - CLP04 = all its CAS amounts")
                .contains("interest paid (L6) is a negative PLB amount (it adds to the payment)")
                .contains("BPR02 (100) = sum(CLP04) - sum(PLB) (88.50)");

        String ack = envelope(
                "FA",
                "005010X231A1",
                String.join("~\n", "ST*999*0001*005010X231A1", "AK1*HC*43*005010X222A1", "AK9*R*2*2*0", "SE*4*0001"));
        assertThat(GuideRules.violations(ack.getBytes(StandardCharsets.US_ASCII)))
                .containsExactly("a group rejected without AK2 names its reason in AK905");
    }

    private static String envelope(String functionalId, String version, String transaction) {
        return "ISA*00*          *00*          *ZZ*SIMPAYER       *ZZ*CLAIMFLOW      *260312*0930*^*00501"
                + "*000000007*0*T*:~\n"
                + "GS*" + functionalId + "*SIMPAYER*CLAIMFLOW*20260312*0930*7*X*" + version + "~\n"
                + transaction + "~\nGE*1*7~\nIEA*1*000000007~\n";
    }

    /** Every file conforms; the failure lists each file's broken rules. */
    static void assertConform(List<byte[]> files) {
        List<String> broken = new ArrayList<>();
        for (byte[] file : files) {
            GuideRules.violations(file)
                    .forEach(v -> broken.add(v + "\n    in "
                            + text(file).lines().skip(1).findFirst().orElse("")));
        }
        assertThat(broken).isEmpty();
    }

    static String text(byte[] file) {
        return new String(file, StandardCharsets.US_ASCII);
    }
}
