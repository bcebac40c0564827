package io.claimflow.coding.rules;

import static io.claimflow.coding.rules.EncounterCoderTest.holds;
import static io.claimflow.coding.rules.EncounterCoderTest.lines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An answer key of documented encounters and the codes they must get (the format is described in the header of
 * {@code answer-key/primary-care.psv}): loading, building the documented encounter from its tokens, and scoring one
 * case. Shared by {@link ExpertKeyTest} and {@link HeldOutKeyTest}.
 */
final class AnswerKey {

    record Case(String id, String guideline, String documentation, String diagnoses, String lines) {
        @Override
        public String toString() {
            return id + " " + guideline;
        }

        boolean expectsHold() {
            return lines.startsWith("HOLD:");
        }
    }

    /** What the coder did with one case: right or not, and both answers in the key's notation. */
    record Outcome(Case key, boolean right, String expected, String actual) {
        String miss() {
            return key.id() + " (" + key.guideline() + "): expected " + expected + ", got " + actual;
        }
    }

    private AnswerKey() {}

    static List<Case> load(String resource) {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(InMemoryCodeSets.resource(resource))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\\|");
                if (f.length != 5) {
                    throw new IllegalArgumentException(resource + ": not 5 fields: " + line);
                }
                cases.add(new Case(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim(), f[4].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** Codes the case and compares with the key: a HOLD case is right when the named hold is among the holds. */
    static Outcome check(EncounterCoder coder, Case c) {
        Coding coding = coder.code(documented(c.documentation()));
        String actual = c.expectsHold()
                ? "HOLD:" + String.join(",", holds(coding))
                : String.join(" ", coding.diagnosisCodes()) + " | " + lines(coding)
                        + (coding.held() ? " | held " + holds(coding) : "");
        String expected = c.expectsHold() ? c.lines() : c.diagnoses() + " | " + c.lines();
        boolean right = c.expectsHold() ? holds(coding).contains(c.lines().substring(5)) : actual.equals(expected);
        if (c.expectsHold() && !coding.held()) {
            actual = String.join(" ", coding.diagnosisCodes()) + " | " + lines(coding) + " (not held)";
        }
        return new Outcome(c, right, expected, actual);
    }

    /** Builds the documented encounter from the key's tokens. */
    static DocumentedEncounter documented(String documentation) {
        Encounters e = Encounters.office();
        for (String token : documentation.split(" +")) {
            String[] p = token.split(":");
            switch (p[0]) {
                case "est" -> e.established(minutes(p[1]), mdm(p[2]));
                case "new" -> e.newPatient(minutes(p[1]), mdm(p[2]));
                case "prev" -> e.preventive();
                case "medicare" -> e.medicare();
                case "male" -> e.male();
                case "on" -> e.on(LocalDate.parse(p[1]));
                case "text" -> e.text(p[1].replace('_', ' '));
                case "findings" -> e.abnormalFindings(true);
                case "born" -> e.bornOn(LocalDate.parse(p[1]));
                case "awv" -> e.wellness(AnnualWellnessVisit.valueOf(p[1]));
                case "type" -> e.encounterType(CodeSystem.HCPCS, p[1], p[1]);
                case "dx" -> {
                    String[] c = p[1].split("@");
                    e.icd(c[0], c.length > 1 ? EpisodeOfCare.valueOf(c[1]) : null);
                }
                case "sct" -> {
                    String[] c = p[1].split("@");
                    e.snomed(c[0], c.length > 1 ? c[1].replace('_', ' ') : c[0]);
                }
                case "px" -> {
                    String[] last = token.split("@");
                    String text = last.length > 1 ? last[1].replace('_', ' ') : p[2];
                    String[] q = last[0].split(":");
                    String[] modifiers = Arrays.copyOfRange(q, 4, q.length);
                    e.procedure(CodeSystem.valueOf(q[1]), q[2], text, "-".equals(q[3]) ? null : q[3], modifiers);
                }
                case "item" -> e.item(p[1], CodeSystem.valueOf(p[2]), p[3], p[4], p[5], p[6]);
                default -> throw new IllegalArgumentException("unknown token " + token);
            }
        }
        return e.build();
    }

    private static Integer minutes(String value) {
        return "-".equals(value) ? null : Integer.valueOf(value);
    }

    private static DecisionMaking mdm(String value) {
        return "-".equals(value) ? null : DecisionMaking.valueOf(value);
    }
}
