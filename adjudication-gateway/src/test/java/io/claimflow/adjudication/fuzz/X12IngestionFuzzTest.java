package io.claimflow.adjudication.fuzz;

import io.claimflow.adjudication.response.Balancing;
import io.claimflow.adjudication.response.QuarantineException;
import io.claimflow.adjudication.x12.Acknowledgment999Reader;
import io.claimflow.adjudication.x12.ClaimAcknowledgment277Reader;
import io.claimflow.adjudication.x12.Remittance835Reader;
import io.claimflow.testsupport.Fuzz;
import io.claimflow.x12.Segment;
import io.claimflow.x12.X12FormatException;
import io.claimflow.x12.X12Segments;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the gateway's X12 door (staedi's segment reader and the 835, 999 and 277CA readers, the 835 balancing
 * check), as {@code InboundFiles} runs them on an uploaded or dropped file: arbitrary bytes and mutations of real
 * files (elements replaced, segments dropped or repeated, the file cut, delimiters changed) are read or refused with
 * {@link X12FormatException} or {@link QuarantineException}, which quarantine the file with its reason; no other
 * exception escapes (it would answer 500 and leave the file unquarantined). Besides those X12 mutations, {@link Fuzz}'s
 * generic ones (huge numbers, control characters, odd Unicode, deep composites, splices of two files). The 999 and
 * 277CA seeds and the TA1 are written here from the 005010X231A1, X214 and X12 envelope rules. Cases: {@link Fuzz}
 * ({@code claimflow.fuzz.iterations}, 200 in CI).
 */
class X12IngestionFuzzTest {

    private static final String ERA = resource("/x12/two-claims-plb-835.x12");

    private static final String ACK_999 = String.join(
                    "~\n",
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
                    "IEA*1*000000901")
            + "~\n";

    private static final String ACK_277 = String.join(
                    "~\n",
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
                    "IEA*1*000000902")
            + "~\n";

    private static final String TA1 =
            "ISA*00*          *00*          *ZZ*BKHP1          *ZZ*CLAIMFLOW      *260601*1200"
                    + "*^*00501*000000903*0*T*:~\nTA1*000000017*260601*1159*R*006~\nIEA*0*000000903~\n";

    private static final List<String> SEEDS = List.of(ERA, ACK_999, ACK_277, TA1);

    @Test
    void arbitraryBytesAreReadOrQuarantined() {
        Fuzz.check("arbitrary bytes", fuzz -> fuzz.bytes(fuzz.pick(32, 255, 4096)), X12IngestionFuzzTest::ingest);
    }

    @Test
    void mutatedFilesAreReadOrQuarantined() {
        Fuzz.check(
                "mutated file",
                X12IngestionFuzzTest::mutation,
                file -> ingest(file.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** Found by this test: a BPR with an element inserted put a bank account where BPR16's date is read. */
    @Test
    void aShiftedBprIsQuarantinedNotAnUncheckedException() {
        ingest(ERA.replace("BPR*I*160*C*ACH*CCP", "BPR*I*160*C*0**CCP").getBytes(StandardCharsets.ISO_8859_1));
    }

    private static final String HOSTILE_CHARS = "*~:^\u0000\r\n 0123456789.-AZaz";
    private static final String ASCII = ascii();
    private static final String[] ODD_VALUES = {
        "",
        "-0",
        "1E400",
        "99999999999999999999",
        "20260230",
        "NaN",
        "12.345",
        "-",
        ":",
        "HC:",
        "::::",
        "R",
        "4",
        "PR",
        "WO:",
        "A3:33"
    };

    private static String mutation(Fuzz fuzz) {
        String file = fuzz.pick(SEEDS);
        fuzz.note("seed " + SEEDS.indexOf(file));
        switch (fuzz.between(0, 6)) {
            case 0, 1 -> {
                String value = switch (fuzz.between(0, 2)) {
                    case 0 -> fuzz.text(HOSTILE_CHARS, 12);
                    case 1 -> fuzz.text(ASCII, 20);
                    default -> fuzz.pick(ODD_VALUES);
                };
                String[] segments = file.split("~\n", -1);
                int s = fuzz.between(0, 60) % Math.max(1, segments.length - 1);
                if (s == 0) {
                    s = 1; // keep the ISA: its fixed length decides the delimiters
                }
                int element = fuzz.between(1, 16);
                fuzz.note("segment " + s + " element " + element + " replaced");
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
            }
            case 2 -> {
                List<String> segments = new ArrayList<>(Arrays.asList(file.split("~\n", -1)));
                int at = fuzz.between(1, 60) % segments.size();
                fuzz.note("segment " + at + " dropped");
                segments.remove(at);
                return String.join("~\n", segments);
            }
            case 3 -> {
                List<String> segments = new ArrayList<>(Arrays.asList(file.split("~\n", -1)));
                int at = fuzz.between(1, 60) % segments.size();
                int times = fuzz.between(2, 20);
                fuzz.note("segment " + at + " x" + times);
                for (int i = 1; i < times; i++) {
                    segments.add(at, segments.get(at));
                }
                return String.join("~\n", segments);
            }
            case 4 -> {
                int length = (int) (file.length() * fuzz.random().nextDouble());
                fuzz.note("cut to " + length);
                return file.substring(0, length);
            }
            case 5 -> {
                char c = fuzz.pick('*', '~', ':', '^', '|', 'A', ' ', '\u0000');
                int at = Math.min(fuzz.between(3, 105), file.length() - 1);
                fuzz.note("char " + at + " set to " + (int) c);
                char[] chars = file.toCharArray();
                chars[at] = c;
                return new String(chars);
            }
            default -> {
                // generic mutations, splices with another seed file; as UTF-8 bytes (each byte one char here, so
                // that the ISO-8859-1 encoding in the property gives them back): odd Unicode as multi-byte sequences
                String mutated = fuzz.mutate(file, SEEDS);
                return new String(mutated.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
            }
        }
    }

    private static String ascii() {
        StringBuilder out = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            out.append(c);
        }
        return out.toString();
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
