package io.claimflow.ehr.fhir.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Posts a Synthea population's FHIR output, unmodified, to the FHIR door (the directory bundles first, then every
 * patient's whole-history bundle) and prints the funnel: bundles, encounters in the look-back window by class,
 * published, refused by reason, issues. Not part of the build: run with
 * {@code -Dsynthea.dir=/path/to/output/fhir -Dtest=SyntheaFunnelRunner}. The window is counted back from today, so
 * generate the population with today as its reference date ({@code -r YYYYMMDD}).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "claimflow.ehr.max-bundle-bytes=67108864")
@ClaimFlowInfrastructure(database = "claimflow_ehr")
@EnabledIfSystemProperty(named = "synthea.dir", matches = ".+")
class SyntheaFunnelRunner {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Test
    void funnel() throws IOException {
        RestClient http = RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("admin", "demo-admin"))
                .build();
        Path dir = Path.of(System.getProperty("synthea.dir"));
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = new ArrayList<>(
                    list.filter(p -> p.toString().endsWith(".json")).sorted().toList());
        }
        // the directory first, as an EHR's provider export goes before the patients
        files.sort(Comparator.comparing(p -> isDirectory(p) ? 0 : 1));
        LocalDate earliest = LocalDate.now().minusDays(365);
        Map<String, Integer> inWindow = new TreeMap<>();
        Map<String, Integer> published = new TreeMap<>();
        Map<String, Integer> refusedByClass = new TreeMap<>();
        Map<String, Integer> reasons = new TreeMap<>();
        Map<String, Integer> notices = new TreeMap<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int patients = 0;
        long started = System.nanoTime();
        for (Path file : files) {
            byte[] body = Files.readAllBytes(file);
            Map<String, String> classes = new TreeMap<>();
            if (!isDirectory(file)) {
                patients++;
                for (JsonNode entry : JSON.readTree(body).path("entry")) {
                    JsonNode resource = entry.path("resource");
                    if ("Encounter".equals(resource.path("resourceType").asText())
                            && !LocalDate.parse(resource.path("period")
                                            .path("start")
                                            .asText()
                                            .substring(0, 10))
                                    .isBefore(earliest)) {
                        String cls = resource.path("class").path("code").asText();
                        if ("AMB".equals(cls)
                                && resource.path("type")
                                        .toString()
                                        .toLowerCase()
                                        .contains("dental")) {
                            cls = "AMB-dental";
                        }
                        classes.put(resource.path("id").asText(), cls);
                        inWindow.merge(cls, 1, Integer::sum);
                    }
                }
            }
            ResponseEntity<String> response = http.post()
                    .uri("/fhir")
                    .contentType(MediaType.parseMediaType("application/fhir+json"))
                    .body(body)
                    .retrieve()
                    .onStatus(s -> true, (req, res) -> {})
                    .toEntity(String.class);
            statuses.merge(response.getStatusCode().value(), 1, Integer::sum);
            JsonNode answer = JSON.readTree(response.getBody());
            for (JsonNode encounter : answer.path("encounters")) {
                published.merge(
                        classes.getOrDefault(encounter.path("encounterId").asText(), "?"), 1, Integer::sum);
            }
            for (JsonNode refused : answer.path("refused")) {
                refusedByClass.merge(classes.getOrDefault(refused.asText(), "?"), 1, Integer::sum);
            }
            JsonNode issues = answer.has("outcome") ? answer.path("outcome").path("issue") : answer.path("issue");
            for (JsonNode issue : issues) {
                String text = issue.path("diagnostics")
                        .asText()
                        .replaceAll("\\d+", "#")
                        .replaceAll("entry\\[#]", "entry[]");
                String severity = issue.path("severity").asText();
                (severity.equals("error") || severity.equals("fatal") ? reasons : notices)
                        .merge(severity + ": " + text, 1, Integer::sum);
            }
        }
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;
        StringBuilder out = new StringBuilder("\n=== Synthea funnel (" + dir + ") ===\n");
        out.append("bundles: ")
                .append(files.size())
                .append(" (")
                .append(patients)
                .append(" patients), HTTP ")
                .append(statuses)
                .append(", ")
                .append(seconds)
                .append(" s\n");
        out.append("encounters in the window (from ")
                .append(earliest)
                .append("): ")
                .append(inWindow)
                .append('\n');
        out.append("published (new or already): ").append(published).append('\n');
        out.append("refused: ").append(refusedByClass).append('\n');
        out.append("errors by message (count of issues):\n");
        reasons.forEach(
                (k, v) -> out.append("  ").append(v).append(" x ").append(k).append('\n'));
        out.append("warnings and information by message (count of bundles):\n");
        notices.forEach(
                (k, v) -> out.append("  ").append(v).append(" x ").append(k).append('\n'));
        System.out.println(out);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/synthea-funnel.txt"), out);
        assertThat(statuses).isNotEmpty();
    }

    private static boolean isDirectory(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith("hospitalInformation") || name.startsWith("practitionerInformation");
    }
}
