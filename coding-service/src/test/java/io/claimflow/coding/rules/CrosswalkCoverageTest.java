package io.claimflow.coding.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.coding.config.CrosswalkLoader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every code the shipped crosswalks can give is in the starter code sets and priced in claim-service's starter fee
 * schedule (issue 17): the SNOMED CT targets of the concepts Synthea documents (its modules and a measured
 * population, {@code synthea/module-concepts.csv}), the overlay, the CVX and RxNorm crosswalks, and the codes the
 * rules choose themselves. Reads both sources: coding-service's starter files and claim-service's Flyway migrations.
 */
class CrosswalkCoverageTest {

    static final Path FEE_SCHEDULE = Path.of("../claim-service/src/main/resources/db/migration");
    static final Pattern PRICED = Pattern.compile("\\('\\*', '([A-Z0-9]{5})'");
    static final Pattern ICD_10_CM = Pattern.compile("[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?");
    static final LocalDate DOS = LocalDate.of(2026, 6, 1);

    /** Codes the rules choose without a crosswalk. */
    static final List<String> CHOSEN_BY_THE_RULES = List.of(
            "99202", "99203", "99204", "99205", "99211", "99212", "99213", "99214", "99215", "99281", "99282", "99283",
            "99284", "99285", "99381", "99382", "99383", "99384", "99385", "99386", "99387", "99391", "99392", "99393",
            "99394", "99395", "99396", "99397", "99024", "99417", "G0438", "G0439", "G0444", "G0442", "96127", "90471",
            "90472", "90480", "G0008", "G0009", "G0010");

    final InMemoryCodeSets codeSets = InMemoryCodeSets.starter();
    final Crosswalk crosswalk = CrosswalkLoader.load();

    @Test
    void everyCrosswalkTargetIsInTheCodeSetsAndPriced() throws IOException {
        Set<String> diagnoses = new TreeSet<>();
        Set<String> procedures = new TreeSet<>(CHOSEN_BY_THE_RULES);
        for (String[] row : concepts()) {
            String concept = row[1];
            if (crosswalk.notReported(concept).isPresent() || crosswalk.dental(concept)) {
                continue;
            }
            if (row[0].equals("CONDITION")) {
                // Synthea's condition map also holds ICD-10-PCS codes (inpatient procedures): not ICD-10-CM
                crosswalk.icdTargets(concept).stream()
                        .map(Crosswalk.Target::code)
                        .filter(c -> ICD_10_CM.matcher(c).matches())
                        .forEach(diagnoses::add);
            } else {
                crosswalk.procedureTargets(concept).stream()
                        .map(Crosswalk.Target::code)
                        .filter(c -> !ProcedureRanges.evaluationAndManagementSection(c))
                        .forEach(procedures::add);
            }
        }
        crosswalk.vaccineMap().values().forEach(t -> procedures.add(t.code()));
        crosswalk.drugMap().values().stream()
                .filter(Crosswalk.DrugTarget::billed)
                .forEach(t -> procedures.add(t.hcpcs()));
        Set<String> priced = priced();

        List<String> icdMissing =
                diagnoses.stream().filter(c -> codeSets.icd(c, DOS).isEmpty()).toList();
        List<String> procedureMissing = procedures.stream()
                .filter(c -> codeSets.procedure(c, DOS).isEmpty())
                .toList();
        List<String> unpriced =
                procedures.stream().filter(c -> !priced.contains(c)).toList();

        assertThat(diagnoses).hasSizeGreaterThan(400);
        assertThat(procedures).hasSizeGreaterThan(300);
        assertThat(icdMissing)
                .as("ICD-10-CM crosswalk targets missing from the starter code set")
                .isEmpty();
        assertThat(procedureMissing)
                .as("CPT/HCPCS crosswalk targets missing from the starter code sets")
                .isEmpty();
        assertThat(unpriced)
                .as("CPT/HCPCS codes the crosswalks give, not in claim-service's starter fee schedule")
                .isEmpty();
    }

    @Test
    void theTestSeesAMissingCode() throws IOException {
        assertThat(priced())
                .contains("G0444", "G0442", "96127", "99391", "99283")
                .doesNotContain("99999");
        assertThat(codeSets.procedure("99999", DOS)).isEmpty();
    }

    /** The concepts Synthea documents, and every concept of the overlay (ClaimFlow's own rows count whole). */
    private static List<String[]> concepts() throws IOException {
        List<String[]> rows = new ArrayList<>();
        for (String resource : List.of("/synthea/module-concepts.csv", "/crosswalk/snomed-overlay.csv")) {
            try (InputStream in = CrosswalkCoverageTest.class.getResourceAsStream(resource)) {
                for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        String[] f = line.trim().split(",");
                        rows.add(
                                resource.contains("overlay")
                                        ? new String[] {f[1].equals("ICD10CM") ? "CONDITION" : "PROCEDURE", f[0]}
                                        : f);
                    }
                }
            }
        }
        return rows;
    }

    static Set<String> priced() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> files = Files.list(FEE_SCHEDULE)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Matcher m = PRICED.matcher(Files.readString(file));
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }
        return codes;
    }
}
