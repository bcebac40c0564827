package io.claimflow.ehr.adapter.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.claimflow.ehr.adapter.kafka.FuzzedIntake;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Fuzzing of the FHIR door (HAPI's JSON parser, the bundle mapping and the checks before publishing): arbitrary
 * bodies and mutations of a real US Core bundle (a string value replaced by hostile text, a value replaced by
 * another JSON type, characters cut or inserted) are answered 200, 400 or 413 with an OperationOutcome, never with
 * an escaping exception (which would be a 500). Tries: {@code jqwik.tries.default} (200 in CI); longer:
 * {@code -Djqwik.tries.default=100000}.
 */
class FhirFuzzTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String BUNDLE = FhirBundleIntakeTest.bundle("office-visit-snomed.json", "enc-fuzz");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern VALUE = Pattern.compile(":\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d[\\d.eE+-]*|true|false"
            + "|null)");
    private static final FhirBundleController CONTROLLER = new FhirBundleController(FHIR, FuzzedIntake.intake(),
            FuzzedIntake.audit(), FuzzedIntake.properties());

    @Property
    void arbitraryBodiesAreAnswered(@ForAll String body) {
        assertAnswered(body);
    }

    @Property
    void aMutatedBundleIsAnsweredAndNeverFailsInside(@ForAll("mutations") String body) {
        assertAnswered(body);
    }

    /** Found by this test: HAPI's parser threw StringIndexOutOfBoundsException on an empty property name (a 500). */
    @Example
    void anEmptyPropertyNameIsA400() {
        assertThat(assertAnswered(BUNDLE.replaceFirst("\"type\"", "\"\""))).isEqualTo(400);
    }

    /** Found by this test: a NUCC taxonomy coding without a code made BundleMapper throw NullPointerException. */
    @Example
    void aTaxonomyCodingWithoutACodeIsNoFailure() {
        assertThat(assertAnswered(BUNDLE.replace("\"system\": \"http://nucc.org/provider-taxonomy\", \"code\": "
                + "\"207Q00000X\",", "\"system\": \"http://nucc.org/provider-taxonomy\","))).isIn(200, 400);
    }

    /** Found by this test (3,000 tries): a claim filing indicator coding without a code (NullPointerException). */
    @Example
    void aFilingIndicatorCodingWithoutACodeIsNoFailure() {
        assertThat(assertAnswered(BUNDLE.replace("\"system\": \"https://x12.org/codes/claim-filing-indicator-codes\", "
                + "\"code\": \"CI\"", "\"system\": \"https://x12.org/codes/claim-filing-indicator-codes\""))).isIn(200,
                400);
    }

    @Provide
    Arbitrary<String> mutations() {
        List<int[]> strings = spans(STRING, BUNDLE, 1);
        List<int[]> values = spans(VALUE, BUNDLE, 1);
        Arbitrary<String> hostileText = Arbitraries.oneOf(
                Arbitraries.strings().withChars("*~:^|\u0000\u0001\n\t\ud800\ud83d\ude00 aZ09-").ofMaxLength(12),
                Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.of("", "2026-02-30", "3000-01-01", "1800-01-01", "not-a-date", "urn:uuid:x",
                        "Patient/does-not-exist", "http://snomed.info/sct", "99999999999999999999", "-1", "O*H",
                        "43215~N4*X", "finished", "planned"));
        Arbitrary<String> stringReplaced = Combinators.combine(Arbitraries.of(strings), hostileText)
                .as((span, text) -> BUNDLE.substring(0, span[0]) + escape(text) + BUNDLE.substring(span[1]));
        Arbitrary<String> typeChanged = Combinators.combine(Arbitraries.of(values),
                Arbitraries.of("{}", "[]", "null", "true", "0", "-1e309", "[{}]", "\"\"", "{\"a\":[[[[1]]]]}"))
                .as((span, value) -> BUNDLE.substring(0, span[0]) + value + BUNDLE.substring(span[1]));
        Arbitrary<Integer> position = Arbitraries.integers().between(0, BUNDLE.length() - 1);
        Arbitrary<String> cut = Combinators.combine(position, Arbitraries.integers().between(1, 200))
                .as((at, n) -> BUNDLE.substring(0, at) + BUNDLE.substring(Math.min(BUNDLE.length(), at + n)));
        Arbitrary<String> inserted = Combinators.combine(position, Arbitraries.strings().withChars("{}[],:\"\\ a1")
                .ofMinLength(1).ofMaxLength(5)).as((at, text) -> BUNDLE.substring(0, at) + text
                        + BUNDLE.substring(at));
        return Arbitraries.oneOf(stringReplaced, stringReplaced, typeChanged, cut, inserted);
    }

    private static int assertAnswered(String body) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/fhir");
        request.setContentType("application/fhir+json");
        request.setCharacterEncoding("UTF-8");
        request.setContent(body.getBytes(StandardCharsets.UTF_8));
        ResponseEntity<?> response;
        try {
            response = CONTROLLER.transaction("application/fhir+json", request);
        } catch (Exception e) {
            throw new AssertionError("the FHIR door let " + e.getClass().getName() + " escape", e);
        }
        int status = response.getStatusCode().value();
        assertThat(status).isIn(200, 400, 413);
        if (status != 200) {
            assertThat(FHIR.newJsonParser().parseResource(OperationOutcome.class, (String) response.getBody())
                    .getIssue()).isNotEmpty();
        }
        return status;
    }

    private static List<int[]> spans(Pattern pattern, String text, int group) {
        List<int[]> spans = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            spans.add(new int[] {matcher.start(group), matcher.end(group)});
        }
        return spans;
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
