package io.claimflow.ehr.hl7.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.claimflow.ehr.intake.adapter.FuzzedIntake;
import io.claimflow.testsupport.Fuzz;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the HL7 v2 door (HAPI's parser, the DFT^P03 mapping and the checks before publishing): arbitrary text
 * and mutations of a real DFT^P03 (fields replaced by hostile values, segments dropped, repeated or cut, and
 * {@link Fuzz}'s generic mutations) always get an ACK (AA, AE or AR) naming the problem, never "application internal
 * error" (an exception in the door) and never an escaping exception. Cases: {@link Fuzz}
 * ({@code claimflow.fuzz.iterations}, 200 in CI).
 */
class Hl7FuzzTest {

    private static final String DFT = dft();
    private static final HapiContext HAPI = hapi();
    private static final Hl7Receiver RECEIVER = new Hl7Receiver(
            HAPI,
            FuzzedIntake.intake(),
            "riverside-fm",
            FuzzedIntake.properties().hl7().billingProvider(),
            FuzzedIntake.audit());

    private static final String[] SEGMENTS = DFT.split("\r");
    private static final String HOSTILE_CHARS = "|^~\\&*:\u0000\u0001\u001c\u000b\r\n\ud800 ";
    private static final String[] ODD_VALUES = {
        "",
        "\"\"",
        "99999999",
        "20260231",
        "-1",
        "1.5E10",
        "ZZZ",
        "\\E\\",
        "19610722",
        "30000101",
        "0",
        "DFT^P03^DFT_P03",
        "2.9",
        "&&&&",
        "^^^^^^^^"
    };

    @Test
    void arbitraryTextGetsAnAck() {
        Fuzz.check("arbitrary text", fuzz -> fuzz.text(fuzz.pick(16, 255, 4096)), Hl7FuzzTest::assertAnswered);
    }

    @Test
    void aMutatedDftP03GetsAnAckAndNeverAnInternalError() {
        Fuzz.check("mutated DFT^P03", Hl7FuzzTest::mutation, Hl7FuzzTest::assertAnswered);
    }

    private static String mutation(Fuzz fuzz) {
        switch (fuzz.between(0, 5)) {
            case 0, 1 -> {
                int s = fuzz.between(0, SEGMENTS.length - 1);
                int f = fuzz.between(1, 40);
                String value = switch (fuzz.between(0, 2)) {
                    case 0 -> fuzz.text(HOSTILE_CHARS, 12);
                    case 1 -> fuzz.text(40);
                    default -> fuzz.pick(ODD_VALUES);
                };
                fuzz.note("segment " + s + " field " + f + " replaced");
                String[] copy = SEGMENTS.clone();
                List<String> fields = new ArrayList<>(Arrays.asList(copy[s].split("\\|", -1)));
                while (fields.size() <= f) {
                    fields.add("");
                }
                if (!(s == 0 && f < 2)) {
                    fields.set(f, value);
                }
                copy[s] = String.join("|", fields);
                return String.join("\r", copy);
            }
            case 2 -> {
                int s = fuzz.between(1, SEGMENTS.length - 1);
                fuzz.note("segment " + s + " dropped");
                List<String> copy = new ArrayList<>(Arrays.asList(SEGMENTS));
                copy.remove(s);
                return String.join("\r", copy);
            }
            case 3 -> {
                int s = fuzz.between(0, SEGMENTS.length - 1);
                int times = fuzz.between(2, 30);
                fuzz.note("segment " + s + " x" + times);
                List<String> copy = new ArrayList<>(Arrays.asList(SEGMENTS));
                for (int i = 1; i < times; i++) {
                    copy.add(s, SEGMENTS[s]);
                }
                return String.join("\r", copy);
            }
            case 4 -> {
                int n = fuzz.between(0, DFT.length());
                fuzz.note("cut to " + n);
                return DFT.substring(0, n);
            }
            default -> {
                return fuzz.mutate(DFT);
            }
        }
    }

    private static void assertAnswered(String message) {
        String ack = RECEIVER.receive(message, "127.0.0.1");
        assertThat(ack).startsWith("MSH|");
        assertThat(ack).containsPattern("\rMSA\\|A[AER]\\|");
        assertThat(ack)
                .as("no application internal error (an exception inside the door)")
                .doesNotContain("207^Application internal error");
    }

    private static String dft() {
        try {
            return Hl7MllpIntakeTest.text("dft-p03-office-visit.hl7", "V-FUZZ", "C-FUZZ");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HapiContext hapi() {
        HapiContext context = new DefaultHapiContext(new CanonicalModelClassFactory("2.5.1"));
        context.setValidationContext(ValidationContextFactory.noValidation());
        return context;
    }
}
