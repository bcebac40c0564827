package io.claimflow.ehr.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.claimflow.ehr.intake.adapter.FuzzedIntake;
import io.claimflow.testsupport.Fuzz;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Fuzzing of the FHIR door (HAPI's JSON parser, the bundle mapping and the checks before publishing): arbitrary
 * bodies and mutations of a real US Core bundle (a string value replaced by hostile text, a value replaced by
 * another JSON type, characters cut or inserted, and {@link Fuzz}'s generic mutations: deep nesting, huge numbers,
 * control characters, odd Unicode, splices) are answered 200, 400 or 413 with an OperationOutcome, never with an
 * escaping exception (which would be a 500). Cases: {@link Fuzz} ({@code claimflow.fuzz.iterations}, 200 in CI).
 */
class FhirFuzzTest {

    private static final FhirContext FHIR = FhirContext.forR4Cached();
    private static final String BUNDLE = FhirBundleIntakeTest.bundle("office-visit-snomed.json", "enc-fuzz");
    private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern VALUE =
            Pattern.compile(":\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|-?\\d[\\d.eE+-]*|true|false" + "|null)");
    private static final FhirBundleController CONTROLLER = new FhirBundleController(
            FHIR,
            FuzzedIntake.intake(),
            FuzzedIntake.audit(),
            new ProviderDirectory(FHIR, new InMemoryDirectoryEntries()),
            FuzzedIntake.properties(),
            java.util.Optional.empty());

    @Test
    void arbitraryBodiesAreAnswered() {
        Fuzz.check("arbitrary body", fuzz -> fuzz.text(fuzz.pick(16, 255, 4096)), FhirFuzzTest::assertAnswered);
    }

    @Test
    void aMutatedBundleIsAnsweredAndNeverFailsInside() {
        Fuzz.check("mutated bundle", FhirFuzzTest::mutation, FhirFuzzTest::assertAnswered);
    }

    /** Found by this test: HAPI's parser threw StringIndexOutOfBoundsException on an empty property name (a 500). */
    @Test
    void anEmptyPropertyNameIsA400() {
        assertThat(assertAnswered(BUNDLE.replaceFirst("\"type\"", "\"\""))).isEqualTo(400);
    }

    /** Found by this test: a NUCC taxonomy coding without a code made BundleMapper throw NullPointerException. */
    @Test
    void aTaxonomyCodingWithoutACodeIsNoFailure() {
        assertThat(assertAnswered(BUNDLE.replace(
                        "\"system\": \"http://nucc.org/provider-taxonomy\", \"code\": " + "\"207Q00000X\",",
                        "\"system\": \"http://nucc.org/provider-taxonomy\",")))
                .isIn(200, 400);
    }

    /**
     * Found by this test (seed 1, 3,000 cases: the relationship code replaced by "" or null): a subscriber
     * relationship coding without a code made BundleMapper throw NullPointerException (a 500).
     */
    @Test
    void aRelationshipCodingWithoutACodeIsNoFailure() {
        String body = BUNDLE.replace("subscriber-relationship\", \"code\": \"self\"", "subscriber-relationship\"");
        assertThat(body).isNotEqualTo(BUNDLE);
        assertThat(assertAnswered(body)).isIn(200, 400);
    }

    /** The same shape in the coverage type: a claim filing indicator coding without a code. */
    @Test
    void aClaimFilingIndicatorCodingWithoutACodeIsNoFailure() {
        String body =
                BUNDLE.replace("claim-filing-indicator-codes\", \"code\": \"CI\"", "claim-filing-indicator-codes\"");
        assertThat(body).isNotEqualTo(BUNDLE);
        assertThat(assertAnswered(body)).isIn(200, 400);
    }

    /**
     * Found by this test (seed 2, 3,000 cases: the total time's value replaced by -1e309): a duration beyond an int
     * made BundleMapper throw ArithmeticException (a 500). A total time is the practitioner's time on one date.
     */
    @Test
    void aTotalTimeBeyondADayIsA400() {
        for (String value : List.of("-1e309", "-5", "1441")) {
            String body = BUNDLE.replace(
                    "\"valueDuration\": {\"value\": 32,", "\"valueDuration\": {\"value\": " + value + ",");
            assertThat(body).isNotEqualTo(BUNDLE);
            assertThat(assertAnswered(body)).as(value).isEqualTo(400);
        }
        assertThat(assertAnswered(
                        BUNDLE.replace("\"valueDuration\": {\"value\": 32,", "\"valueDuration\": {\"value\": 1440,")))
                .isEqualTo(200);
    }

    /**
     * Found by this test (a total time of 1e999999999): HAPI's JSON parser expands every number with
     * BigDecimal.toPlainString, so a 12-byte number was a billion-digit string, an OutOfMemoryError in the connector.
     */
    @Test
    void aNumberWithAHugeExponentIsA400NotAnOutOfMemoryError() {
        for (String number : List.of("1e999999999", "-1E-999999999", "1.5e+0000100", "7e100")) {
            assertThat(assertAnswered(BUNDLE.replace("\"order\": 1", "\"order\": " + number)))
                    .as(number)
                    .isEqualTo(400);
        }
        // an exponent up to 99 is read (the order is then checked as usual); the same text inside a string is no number
        assertThat(assertAnswered(BUNDLE.replace("\"order\": 1", "\"order\": 1e0")))
                .isEqualTo(200);
        assertThat(assertAnswered(BUNDLE.replace("\"value\": \"GRP20417\"", "\"value\": \"1e999999999\"")))
                .isEqualTo(200);
    }

    private static final List<int[]> STRINGS = spans(STRING, BUNDLE, 1);
    private static final List<int[]> VALUES = spans(VALUE, BUNDLE, 1);
    private static final String TEXT_CHARS = "*~:^|\u0000\u0001\n\t\ud800\ud83d\ude00 aZ09-";
    private static final String[] ODD_VALUES = {
        "",
        "2026-02-30",
        "3000-01-01",
        "1800-01-01",
        "not-a-date",
        "urn:uuid:x",
        "Patient/does-not-exist",
        "http://snomed.info/sct",
        "99999999999999999999",
        "-1",
        "O*H",
        "43215~N4*X",
        "finished",
        "planned"
    };
    private static final String[] OTHER_TYPES = {
        "{}", "[]", "null", "true", "0", "-1e309", "[{}]", "\"\"", "{\"a\":[[[[1]]]]}"
    };

    private static String mutation(Fuzz fuzz) {
        switch (fuzz.between(0, 5)) {
            case 0, 1 -> {
                int[] span = fuzz.pick(STRINGS);
                String text = switch (fuzz.between(0, 2)) {
                    case 0 -> fuzz.text(TEXT_CHARS, 12);
                    case 1 -> fuzz.text(30);
                    default -> fuzz.pick(ODD_VALUES);
                };
                fuzz.note("string at " + span[0] + " replaced");
                return BUNDLE.substring(0, span[0]) + escape(text) + BUNDLE.substring(span[1]);
            }
            case 2 -> {
                int[] span = fuzz.pick(VALUES);
                String value = fuzz.pick(OTHER_TYPES);
                fuzz.note("value at " + span[0] + " replaced by " + value);
                return BUNDLE.substring(0, span[0]) + value + BUNDLE.substring(span[1]);
            }
            case 3 -> {
                int at = fuzz.between(0, BUNDLE.length() - 1);
                int n = fuzz.between(1, 200);
                fuzz.note("cut " + n + " at " + at);
                return BUNDLE.substring(0, at) + BUNDLE.substring(Math.min(BUNDLE.length(), at + n));
            }
            case 4 -> {
                int at = fuzz.between(0, BUNDLE.length() - 1);
                String text = fuzz.text("{}[],:\"\\ a1", 5);
                fuzz.note("insert at " + at);
                return BUNDLE.substring(0, at) + (text.isEmpty() ? "{" : text) + BUNDLE.substring(at);
            }
            default -> {
                return fuzz.mutate(BUNDLE);
            }
        }
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
            assertThat(FHIR.newJsonParser()
                            .parseResource(OperationOutcome.class, (String) response.getBody())
                            .getIssue())
                    .isNotEmpty();
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
