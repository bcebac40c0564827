package io.claimflow.e2e;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A Synthea 3.3.0 population, generated in a JVM of its own (Synthea brings HAPI FHIR 6.1.0 and some 140 other
 * libraries that must not meet ours) from {@code synthea-runtime/target/synthea}, as a user would run it: FHIR R4
 * transaction bundles, one per patient with the whole history, plus the hospital and practitioner bundles. Seed,
 * clinician seed, size and reference date fix the output; the simulation ends on the reference date. A population
 * already generated with the same parameters under {@code target/} is used again.
 */
final class SyntheaPopulation {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern DENTAL = Pattern.compile("(?i)\\bdental\\b");

    /** Where coding-service's overlay marks SNOMED CT concepts as dental services (target system DENTAL). */
    static final String DENTAL_OVERLAY = "coding-service/src/main/resources/crosswalk/snomed-overlay.csv";

    /**
     * One Encounter of a patient bundle, as Synthea wrote it, with the SNOMED CT concepts of its reasonCode and of the
     * Conditions and Procedures that reference it (what coding-service receives as its diagnoses and procedures).
     */
    record Encounter(
            String id,
            int entryIndex,
            String encounterClass,
            String type,
            LocalDate start,
            String status,
            Set<String> concepts) {

        Encounter {
            concepts = Set.copyOf(concepts);
        }

        Encounter(String id, int entryIndex, String encounterClass, String type, LocalDate start, String status) {
            this(id, entryIndex, encounterClass, type, start, status, Set.of());
        }

        /** A dental visit: its type says so, or one of its concepts is one coding-service holds as DENTAL-SERVICE. */
        boolean dental(Set<String> dentalConcepts) {
            return DENTAL.matcher(type).find() || concepts.stream().anyMatch(dentalConcepts::contains);
        }

        /** Ambulatory medical: class AMB and not a dental visit ({@link #dental}). */
        boolean ambulatoryMedical(Set<String> dentalConcepts) {
            return "AMB".equals(encounterClass) && !dental(dentalConcepts);
        }
    }

    /**
     * The SNOMED CT concepts coding-service holds as dental services (rows of its overlay with target system
     * {@code DENTAL}), read from its source under {@code projectDir}: one list, not a copy.
     */
    static Set<String> dentalConcepts(Path projectDir) {
        try (Stream<String> lines = Files.lines(projectDir.resolve(DENTAL_OVERLAY))) {
            return lines.filter(l -> !l.isBlank() && !l.startsWith("#"))
                    .map(l -> l.split(",", 4))
                    .filter(f -> f.length >= 2 && "DENTAL".equals(f[1].trim()))
                    .map(f -> f[0].trim())
                    .collect(java.util.stream.Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final Path directory;
    private final List<Path> directories;
    private final List<Path> patients;

    private SyntheaPopulation(Path directory, List<Path> directories, List<Path> patients) {
        this.directory = directory;
        this.directories = directories;
        this.patients = patients;
    }

    /**
     * Runs Synthea ({@code App -p patients -s seed -cs seed -r referenceDate -e referenceDate Massachusetts}) with
     * FHIR R4 output only, into {@code target}, unless that directory holds a finished run already.
     */
    static SyntheaPopulation generate(
            Path syntheaClassPath, Path target, int patients, long seed, LocalDate referenceDate)
            throws IOException, InterruptedException {
        Path run = target.resolve("p" + patients + "-s" + seed + "-r" + BASIC.format(referenceDate));
        Path done = run.resolve("generated");
        if (!Files.exists(done)) {
            if (!Files.isDirectory(syntheaClassPath)) {
                throw new IllegalStateException("no Synthea class path at " + syntheaClassPath
                        + ": build the synthea-runtime module first (./mvnw -pl e2e -am ...)");
            }
            deleteRecursively(run);
            Files.createDirectories(run);
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            List<String> command = new ArrayList<>(List.of(
                    java,
                    "-cp",
                    syntheaClassPath.toAbsolutePath() + "/*",
                    "App",
                    "-p",
                    String.valueOf(patients),
                    "-s",
                    String.valueOf(seed),
                    "-cs",
                    String.valueOf(seed),
                    "-r",
                    BASIC.format(referenceDate),
                    "-e",
                    BASIC.format(referenceDate),
                    "--exporter.baseDirectory=" + run.toAbsolutePath() + "/",
                    "--exporter.fhir.export=true",
                    "--exporter.fhir.transaction_bundle=true",
                    "--exporter.hospital.fhir.export=true",
                    "--exporter.practitioner.fhir.export=true",
                    "--exporter.fhir.bulk_data=false",
                    "--exporter.ccda.export=false",
                    "--exporter.csv.export=false",
                    "--exporter.cpcds.export=false",
                    "--exporter.text.export=false",
                    "--exporter.clinical_note.export=false",
                    "--exporter.metadata.export=false",
                    "--exporter.json.export=false",
                    "Massachusetts"));
            Process process = new ProcessBuilder(command)
                    .directory(run.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(run.resolve("synthea.log").toFile())
                    .start();
            if (!process.waitFor(20, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("Synthea did not finish within 20 minutes; see " + run);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(
                        "Synthea exited with " + process.exitValue() + "; see " + run.resolve("synthea.log"));
            }
            Files.writeString(done, String.join(" ", command.subList(3, command.size())) + "\n");
        }
        Path fhir = run.resolve("fhir");
        List<Path> directories = new ArrayList<>();
        List<Path> patientFiles = new ArrayList<>();
        try (Stream<Path> files = Files.list(fhir)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                String name = file.getFileName().toString();
                // organizations (with their locations) before practitioners: the patients' references need both
                if (name.startsWith("hospitalInformation") || name.startsWith("practitionerInformation")) {
                    directories.add(file);
                } else {
                    patientFiles.add(file);
                }
            }
        }
        directories.sort(Comparator.comparing(f -> f.getFileName().toString().startsWith("hospital") ? 0 : 1));
        return new SyntheaPopulation(run, directories, patientFiles);
    }

    Path directory() {
        return directory;
    }

    List<Path> directoryBundles() {
        return directories;
    }

    List<Path> patientBundles() {
        return patients;
    }

    /** The Encounters of one patient bundle, in entry order. */
    static List<Encounter> encounters(Path bundle) {
        return read(bundle).encounters();
    }

    /**
     * A patient bundle's encounters, the patient's data that must never reach a log line, the patient's medical
     * record number (Synthea's: the identifier of type MR), and for each encounter with an ExplanationOfBenefit the
     * payer's name on the Coverage it contains (Synthea's only coverage: a name such as {@code Medicaid} or
     * {@code NO_INSURANCE}, no member id).
     */
    record Contents(
            List<Encounter> encounters, List<String> patientData, String mrn, Map<String, String> payerByEncounter) {}

    /**
     * Reads a patient bundle entry by entry (a whole-history bundle can be tens of megabytes; the test JVM also runs
     * every service): its Encounters in entry order, and of its Patient the full names (given and family, as the
     * services or HL7 would write them), the family names (Synthea's carry digits, so they do not occur by chance),
     * the street address lines and the social security number.
     */
    static Contents read(Path bundle) {
        List<JsonNode> encounterResources = new ArrayList<>();
        List<Integer> entryIndexes = new ArrayList<>();
        Map<String, Set<String>> concepts = new LinkedHashMap<>();
        List<Encounter> encounters = new ArrayList<>();
        List<String> patientData = new ArrayList<>();
        String mrn = null;
        Map<String, String> payerByEncounter = new LinkedHashMap<>();
        try (JsonParser parser = JSON.createParser(bundle.toFile())) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return new Contents(encounters, patientData, null, payerByEncounter);
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (!"entry".equals(field) || value != JsonToken.START_ARRAY) {
                    parser.skipChildren();
                    continue;
                }
                int index = 0;
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    JsonNode resource = JSON.readValue(parser, JsonNode.class).path("resource");
                    String type = resource.path("resourceType").asText();
                    if ("Encounter".equals(type)) {
                        encounterResources.add(resource);
                        entryIndexes.add(index);
                        Set<String> own =
                                concepts.computeIfAbsent(resource.path("id").asText(), k -> new HashSet<>());
                        for (JsonNode reason : resource.path("reasonCode")) {
                            own.addAll(snomed(reason));
                        }
                    } else if ("Condition".equals(type) || "Procedure".equals(type)) {
                        String reference =
                                resource.path("encounter").path("reference").asText("");
                        concepts.computeIfAbsent(
                                        reference.substring(reference.lastIndexOf(':') + 1), k -> new HashSet<>())
                                .addAll(snomed(resource.path("code")));
                    } else if ("Patient".equals(resource.path("resourceType").asText())) {
                        patientData.addAll(patientData(resource));
                        mrn = mrn(resource);
                    } else if ("ExplanationOfBenefit"
                            .equals(resource.path("resourceType").asText())) {
                        payer(resource, payerByEncounter);
                    }
                    index++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (int i = 0; i < encounterResources.size(); i++) {
            JsonNode resource = encounterResources.get(i);
            encounters.add(encounter(
                    resource,
                    entryIndexes.get(i),
                    concepts.getOrDefault(resource.path("id").asText(), Set.of())));
        }
        return new Contents(encounters, patientData, mrn, payerByEncounter);
    }

    private static String mrn(JsonNode patient) {
        for (JsonNode identifier : patient.path("identifier")) {
            for (JsonNode coding : identifier.path("type").path("coding")) {
                if ("MR".equals(coding.path("code").asText())) {
                    return identifier.path("value").asText(null);
                }
            }
        }
        return null;
    }

    /** The payer's name on the Coverage an ExplanationOfBenefit contains, for the encounters its items name. */
    private static void payer(JsonNode eob, Map<String, String> payerByEncounter) {
        String name = null;
        for (JsonNode contained : eob.path("contained")) {
            if ("Coverage".equals(contained.path("resourceType").asText())) {
                name = contained.path("payor").path(0).path("display").asText(null);
            }
        }
        if (name == null) {
            return;
        }
        for (JsonNode item : eob.path("item")) {
            for (JsonNode encounter : item.path("encounter")) {
                String reference = encounter.path("reference").asText("");
                payerByEncounter.put(reference.substring(reference.lastIndexOf(':') + 1), name);
            }
        }
    }

    private static List<String> patientData(JsonNode patient) {
        List<String> data = new ArrayList<>();
        for (JsonNode name : patient.path("name")) {
            String family = name.path("family").asText("");
            if (!family.isBlank()) {
                data.add(family);
                for (JsonNode given : name.path("given")) {
                    data.add(given.asText() + " " + family);
                    data.add(family + "^" + given.asText());
                    data.add(family + ", " + given.asText());
                }
            }
        }
        for (JsonNode address : patient.path("address")) {
            for (JsonNode line : address.path("line")) {
                data.add(line.asText());
            }
        }
        for (JsonNode identifier : patient.path("identifier")) {
            if ("http://hl7.org/fhir/sid/us-ssn"
                    .equals(identifier.path("system").asText())) {
                data.add(identifier.path("value").asText());
            }
        }
        data.removeIf(String::isBlank);
        return data;
    }

    private static Set<String> snomed(JsonNode concept) {
        Set<String> codes = new HashSet<>();
        for (JsonNode coding : concept.path("coding")) {
            if ("http://snomed.info/sct".equals(coding.path("system").asText()) && coding.hasNonNull("code")) {
                codes.add(coding.path("code").asText());
            }
        }
        return codes;
    }

    private static Encounter encounter(JsonNode resource, int index, Set<String> concepts) {
        String start = resource.path("period").path("start").asText("");
        JsonNode type = resource.path("type").path(0);
        String typeText = type.path("text")
                .asText(type.path("coding").path(0).path("display").asText(""));
        return new Encounter(
                resource.path("id").asText(),
                index,
                resource.path("class").path("code").asText("?"),
                typeText,
                start.length() >= 10 ? LocalDate.parse(start.substring(0, 10)) : null,
                resource.path("status").asText(""),
                concepts);
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
