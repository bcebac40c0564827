package io.claimflow.adjudication.fuzz;

import io.claimflow.adjudication.response.Balancing;
import io.claimflow.adjudication.response.QuarantineException;
import io.claimflow.adjudication.x12.Acknowledgment999Reader;
import io.claimflow.adjudication.x12.ClaimAcknowledgment277Reader;
import io.claimflow.adjudication.x12.Remittance835Reader;
import io.claimflow.x12.Segment;
import io.claimflow.x12.X12FormatException;
import io.claimflow.x12.X12Segments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing of the gateway's X12 door (staedi's segment reader and the 835, 999 and 277CA readers, the 835 balancing
 * check), as {@code InboundFiles} runs them on an uploaded or dropped file: arbitrary bytes and mutations of real
 * files (elements replaced, segments dropped or repeated, the file cut, delimiters changed) are read or refused with
 * {@link X12FormatException} or {@link QuarantineException}, which quarantine the file with its reason; no other
 * exception escapes (it would answer 500 and leave the file unquarantined). The 999 and 277CA seeds and the TA1 are
 * written here from the 005010X231A1, X214 and X12 envelope rules. Tries: {@code jqwik.tries.default} (200 in CI);
 * longer: {@code -Djqwik.tries.default=100000}.
 */
class X12IngestionFuzzTest {

    private static final String ERA = resource("/x12/two-claims-plb-835.x12");

    private static final String ACK_999 = String.join("~\n",
            "ISA*00*          *00*          *ZZ*BKHP1          *ZZ*CLAIMFLOW      *260601*1200*^*00501*000000901*0*T*:",
            "GS*FA*BKHP1*CLAIMFLOW*20260601*1200*901*X*005010X231A1",
            "ST*999*0001*005010X231A1",
            "AK1*HC*17*005010X222A1",
            "AK2*837*0001*005010X222A1",
            "IK5*A",
            "AK2*837*0002*005010X222A1",
            "IK3*HI*12*2300*8",
            "IK4*1*1271*1",
            "IK5*R*5",
            "AK9*P*2*2*1",
            "SE*11*0001",
            "GE*1*901",
            "IEA*1*000000901") + "~\n";

    private static final String ACK_277 = String.join("~\n",
            "ISA*00*          *00*          *ZZ*BKHP1          *ZZ*CLAIMFLOW      *260601*1200*^*00501*000000902*0*T*:",
            "GS*HN*BKHP1*CLAIMFLOW*20260601*1200*902*X*005010X214",
            "ST*277*0001*005010X214",
            "BHT*0085*08*277CA0001*20260601*1200*TH",
            "HL*1**20*1",
            "NM1*PR*2*BUCKEYE HEALTH PLAN*****PI*BKHP1",
            "TRN*1*0001",
            "DTP*050*D8*20260601",
            "DTP*009*D8*20260601",
            "HL*2*1*21*1",
            "NM1*41*2*CLAIMFLOW*****46*CLAIMFLOW",
            "TRN*2*17",
            "STC*A1:19:PR*20260601*WQ*210",
            "QTY*90*1",
            "AMT*YU*210",
            "HL*3*2*19*1",
            "NM1*85*2*RIVERSIDE FAMILY MEDICINE LLC*****XX*1847362914",
            "HL*4*3*PT",
            "NM1*QC*1*DOE*JANE****MI*M1",
            "TRN*2*PCNA1B2C3D4",
            "STC*A3:33:IL*20260601*U*210",
            "REF*1K*BKHP100001",
            "DTP*472*RD8*20260510-20260510",
            "SE*22*0001",
            "GE*1*902",
            "IEA*1*000000902") + "~\n";

    private static final String TA1 = "ISA*00*          *00*          *ZZ*BKHP1          *ZZ*CLAIMFLOW      *260601*1200"
            + "*^*00501*000000903*0*T*:~\nTA1*000000017*260601*1159*R*006~\nIEA*0*000000903~\n";

    private static final List<String> SEEDS = List.of(ERA, ACK_999, ACK_277, TA1);

    @Property
    void arbitraryBytesAreReadOrQuarantined(@ForAll byte[] bytes) {
        ingest(bytes);
    }

    @Property
    void mutatedFilesAreReadOrQuarantined(@ForAll("mutations") String file) {
        ingest(file.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Found by this test: a BPR with an element inserted put a bank account where BPR16's date is read. */
    @Example
    void aShiftedBprIsQuarantinedNotAnUncheckedException() {
        ingest(ERA.replace("BPR*I*160*C*ACH*CCP", "BPR*I*160*C*0**CCP").getBytes(StandardCharsets.ISO_8859_1));
    }

    @Provide
    Arbitrary<String> mutations() {
        Arbitrary<String> seed = Arbitraries.of(SEEDS);
        Arbitrary<String> hostile = Arbitraries.oneOf(
                Arbitraries.strings().withChars("*~:^\u0000\r\n 0123456789.-AZaz").ofMaxLength(12),
                Arbitraries.strings().ascii().ofMaxLength(20),
                Arbitraries.of("", "-0", "1E400", "99999999999999999999", "20260230", "NaN", "12.345", "-", ":",
                        "HC:", "::::", "R", "4", "PR", "WO:", "A3:33"));
        Arbitrary<String> elementReplaced = Combinators.combine(seed, Arbitraries.integers().between(0, 60),
                Arbitraries.integers().between(1, 16), hostile).as((file, segmentIndex, element, value) -> {
                    String[] segments = file.split("~\n", -1);
                    int s = segmentIndex % Math.max(1, segments.length - 1);
                    if (s == 0) {
                        s = 1;  // keep the ISA: its fixed length decides the delimiters
                    }
                    if (s >= segments.length) {
                        return file;
                    }
                    List<String> elements = new ArrayList<>(Arrays.asList(segments[s].split("\\*", -1)));
                    while (elements.size() <= element) {
                        elements.add("");
                    }
                    elements.set(element, value);
                    segments[s] = String.join("*", elements);
                    return String.join("~\n", segments);
                });
        Arbitrary<String> dropped = Combinators.combine(seed, Arbitraries.integers().between(1, 60))
                .as((file, index) -> {
                    List<String> segments = new ArrayList<>(Arrays.asList(file.split("~\n", -1)));
                    segments.remove(index % segments.size());
                    return String.join("~\n", segments);
                });
        Arbitrary<String> repeated = Combinators.combine(seed, Arbitraries.integers().between(1, 60),
                Arbitraries.integers().between(2, 20)).as((file, index, times) -> {
                    List<String> segments = new ArrayList<>(Arrays.asList(file.split("~\n", -1)));
                    int at = index % segments.size();
                    for (int i = 1; i < times; i++) {
                        segments.add(at, segments.get(at));
                    }
                    return String.join("~\n", segments);
                });
        Arbitrary<String> cut = Combinators.combine(seed, Arbitraries.doubles().between(0, 1))
                .as((file, share) -> file.substring(0, (int) (file.length() * share)));
        Arbitrary<String> delimiters = Combinators.combine(seed, Arbitraries.of('*', '~', ':', '^', '|', 'A', ' ',
                '\u0000'), Arbitraries.integers().between(3, 105)).as((file, c, at) -> {
                    char[] chars = file.toCharArray();
                    chars[Math.min(at, chars.length - 1)] = c;
                    return new String(chars);
                });
        return Arbitraries.oneOf(elementReplaced, elementReplaced, dropped, repeated, cut, delimiters);
    }

    /** What InboundFiles does before any state change: read, tell the transaction set, read it, check balancing. */
    private static void ingest(byte[] bytes) {
        try {
            List<Segment> segments = X12Segments.read(bytes);
            String type = null;
            for (Segment segment : segments) {
                if (segment.tag().equals("ST")) {
                    type = segment.element(1);
                    break;
                }
            }
            if ("999".equals(type)) {
                Acknowledgment999Reader.read(segments);
            } else if ("277".equals(type)) {
                ClaimAcknowledgment277Reader.read(segments);
            } else if ("835".equals(type)) {
                Remittance835Reader.read(segments).forEach(Balancing::problems);
            }
        } catch (X12FormatException | QuarantineException e) {
            // quarantined with this reason: fine
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            throw new AssertionError("the X12 door let " + e.getClass().getName() + " escape: " + e.getMessage(), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = X12IngestionFuzzTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
