package io.claimflow.ehr.adapter.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;
import io.claimflow.ehr.adapter.kafka.FuzzedIntake;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Fuzzing of the HL7 v2 door (HAPI's parser, the DFT^P03 mapping and the checks before publishing): arbitrary text
 * and mutations of a real DFT^P03 (fields replaced by hostile values, segments dropped, repeated or cut) always get
 * an ACK (AA, AE or AR) naming the problem, never "application internal error" (an exception in the door) and never
 * an escaping exception. Tries: {@code jqwik.tries.default} (200 in CI); longer: {@code -Djqwik.tries.default=100000}.
 */
class Hl7FuzzTest {

    private static final String DFT = dft();
    private static final HapiContext HAPI = hapi();
    private static final Hl7Receiver RECEIVER = new Hl7Receiver(HAPI, FuzzedIntake.intake(), "riverside-fm",
            FuzzedIntake.properties().hl7().billingProvider(), FuzzedIntake.audit());

    @Property
    void arbitraryTextGetsAnAck(@ForAll String text) {
        assertAnswered(text);
    }

    @Property
    void aMutatedDftP03GetsAnAckAndNeverAnInternalError(@ForAll("mutations") String message) {
        assertAnswered(message);
    }

    @Provide
    Arbitrary<String> mutations() {
        String[] segments = DFT.split("\r");
        Arbitrary<Integer> segment = Arbitraries.integers().between(0, segments.length - 1);
        Arbitrary<String> hostile = Arbitraries.oneOf(
                Arbitraries.strings().withChars("|^~\\&*:\u0000\u0001\u001c\u000b\r\n\ud800 ").ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.of("", "\"\"", "99999999", "20260231", "-1", "1.5E10", "ZZZ", "\\E\\", "19610722",
                        "30000101", "0", "DFT^P03^DFT_P03", "2.9", "&&&&", "^^^^^^^^"));
        Arbitrary<String> fieldReplaced = Combinators.combine(segment, Arbitraries.integers().between(1, 40), hostile)
                .as((s, f, value) -> {
                    String[] copy = segments.clone();
                    List<String> fields = new ArrayList<>(Arrays.asList(copy[s].split("\\|", -1)));
                    while (fields.size() <= f) {
                        fields.add("");
                    }
                    if (!(s == 0 && f < 2)) {
                        fields.set(f, value);
                    }
                    copy[s] = String.join("|", fields);
                    return String.join("\r", copy);
                });
        Arbitrary<String> dropped = segment.filter(s -> s > 0).map(s -> {
            List<String> copy = new ArrayList<>(Arrays.asList(segments));
            copy.remove((int) s);
            return String.join("\r", copy);
        });
        Arbitrary<String> repeated = Combinators.combine(segment, Arbitraries.integers().between(2, 30))
                .as((s, times) -> {
                    List<String> copy = new ArrayList<>(Arrays.asList(segments));
                    for (int i = 1; i < times; i++) {
                        copy.add(s, segments[s]);
                    }
                    return String.join("\r", copy);
                });
        Arbitrary<String> cut = Arbitraries.integers().between(0, DFT.length()).map(n -> DFT.substring(0, n));
        return Arbitraries.oneOf(fieldReplaced, fieldReplaced, dropped, repeated, cut);
    }

    private static void assertAnswered(String message) {
        String ack = RECEIVER.receive(message, "127.0.0.1");
        assertThat(ack).startsWith("MSH|");
        assertThat(ack).containsPattern("\rMSA\\|A[AER]\\|");
        assertThat(ack).as("no application internal error (an exception inside the door)")
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
