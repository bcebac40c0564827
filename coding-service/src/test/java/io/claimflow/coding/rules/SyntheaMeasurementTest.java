package io.claimflow.coding.rules;

import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimflow.coding.config.CrosswalkLoader;
import io.claimflow.coding.history.CareProvider;
import io.claimflow.coding.history.PriorCare;
import io.claimflow.coding.history.ProfessionalService;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Measures the rules on a Synthea population, not a build gate: runs only with
 * {@code -Dsynthea.encounters=<file>}, a JSON list of the look-back window's encounters as ehr-connector publishes
 * them (made from Synthea's bundles by a script, see the README). Codes them in date order with the history rule of
 * {@link PriorCare} over what came before in the window, and prints how many of the ambulatory (AMB, non-dental)
 * encounters are coded and why the rest are held.
 */
class SyntheaMeasurementTest {

    @Test
    void measure() throws IOException {
        String file = System.getProperty("synthea.encounters");
        assumeThat(file).as("-Dsynthea.encounters=<file> not given").isNotNull();
        EncounterCoder coder = new EncounterCoder(InMemoryCodeSets.starter(), CrosswalkLoader.load());
        List<ProfessionalService> history = new ArrayList<>();
        Map<String, Integer> held = new TreeMap<>();
        Map<String, Integer> byClass = new TreeMap<>();
        int ambulatory = 0;
        int dental = 0;
        int coded = 0;
        for (JsonNode e : new ObjectMapper().readTree(new File(file))) {
            LocalDate dos = LocalDate.parse(e.path("dos").asText());
            CareProvider provider = new CareProvider(
                    blank(e.path("rendering").asText()), e.path("group").asText(), null);
            String patient = e.path("patient").asText();
            List<ProfessionalService> prior =
                    history.stream().filter(s -> s.patientId().equals(patient)).toList();
            PatientStatus status = PriorCare.newOrEstablished(provider, dos, prior);
            List<Documented> diagnoses = new ArrayList<>();
            e.path("dx").forEach(c -> diagnoses.add(new Documented(CodeSystem.SNOMED_CT, c.asText(), "")));
            List<Documented> procedures = new ArrayList<>();
            e.path("pr").forEach(c -> procedures.add(new Documented(CodeSystem.SNOMED_CT, c.asText(), "")));
            List<AdministeredItem> items = new ArrayList<>();
            e.path("imm")
                    .forEach(c -> items.add(new AdministeredItem(
                            "VACCINE", new Documented(CodeSystem.CVX, c.asText(), ""), null, BigDecimal.ONE, "UNIT")));
            e.path("med")
                    .forEach(c -> items.add(new AdministeredItem(
                            "DRUG", new Documented(CodeSystem.RXNORM, c.asText(), ""), null, BigDecimal.ONE, "UNIT")));
            DocumentedEncounter encounter = new DocumentedEncounter(
                            e.path("id").asText(),
                            "synthea",
                            dos,
                            LocalDate.parse(e.path("birthDate").asText()),
                            sex(e.path("sex").asText()),
                            e.path("pos").asText(),
                            e.path("cls").asText(),
                            new Documented(CodeSystem.SNOMED_CT, e.path("type").asText(), ""),
                            PatientStatus.UNKNOWN,
                            null,
                            null,
                            diagnoses,
                            procedures,
                            items,
                            e.path("medicare").asBoolean(),
                            null,
                            null,
                            PriorServices.NONE)
                    .withPrior(status, PriorCare.prior(true, null, PriorCare.surgeryCovering(provider, dos, prior)));
            Coding coding = coder.code(encounter);
            history.add(new ProfessionalService(
                    "synthea",
                    patient,
                    encounter.encounterId(),
                    dos,
                    provider,
                    status,
                    true,
                    coding.lines().stream().map(CodedLine::code).toList(),
                    null,
                    null));
            String cls = e.path("synthea_class").asText();
            String outcome = coding.held() ? "held" : "coded";
            byClass.merge(cls + " " + outcome, 1, Integer::sum);
            if (!cls.equals("AMB")) {
                coding.holds().forEach(h -> held.merge(cls + " " + h.code() + ": " + h.message(), 1, Integer::sum));
                continue;
            }
            if (coding.holds().stream().anyMatch(h -> h.code().equals("DENTAL-SERVICE"))) {
                dental++;
                continue;
            }
            ambulatory++;
            if (coding.held()) {
                coding.holds().forEach(h -> held.merge("AMB " + h.code() + ": " + h.message(), 1, Integer::sum));
            } else {
                coded++;
            }
        }
        System.out.printf(
                "Synthea window: %s; AMB dental (held for a dental claim) %d; AMB medical %d, coded "
                        + "automatically %d (%.1f%%)%n",
                byClass, dental, ambulatory, coded, 100.0 * coded / ambulatory);
        held.forEach((reason, count) -> System.out.printf("  held %3d x %s%n", count, reason));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static Sex sex(String gender) {
        return switch (gender) {
            case "MALE" -> Sex.MALE;
            case "FEMALE" -> Sex.FEMALE;
            default -> Sex.UNKNOWN;
        };
    }
}
