package io.claimflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.claimflow.events.Diagnosis;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.ServiceLine;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.serde.ConfluentAvroDeserializer;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Infrastructure;
import io.claimflow.testsupport.Records;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The EHR's door to coding, with both services running: a FHIR R4 bundle posted to ehr-connector, and a DFT^P03 sent
 * over MLLP, each come out of coding-service as {@code EncounterCoded} with the codes the documentation supports.
 */
@ClaimFlowInfrastructure
class EhrToCodingTest {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Path PROJECT = Path.of(System.getProperty("claimflow.e2e.project-dir", ".."))
            .toAbsolutePath()
            .normalize();

    private static ServiceInstance coding;
    private static ServiceInstance ehr;
    private static int mllpPort;

    @BeforeAll
    static void start() throws IOException {
        Infrastructure infrastructure = Infrastructure.get();
        coding = ServiceInstance.start(
                PROJECT,
                "coding-service",
                "io.claimflow.coding.CodingServiceApplication",
                common(infrastructure, "claimflow_coding"),
                Map.of());
        try (ServerSocket free = new ServerSocket(0)) {
            mllpPort = free.getLocalPort();
        }
        Map<String, String> ehrProperties = common(infrastructure, "claimflow_ehr");
        ehrProperties.put("claimflow.ehr.mllp.port", String.valueOf(mllpPort));
        ehrProperties.put("claimflow.ehr.tenant-id", "riverside-fm");
        ehrProperties.put("claimflow.ehr.hl7.billing-provider.npi", "1847362914");
        ehrProperties.put("claimflow.ehr.hl7.billing-provider.name", "Riverside Family Medicine LLC");
        ehrProperties.put("claimflow.ehr.hl7.billing-provider.tax-id", "311234567");
        ehrProperties.put("claimflow.ehr.hl7.billing-provider.taxonomy-code", "207Q00000X");
        ehrProperties.put("claimflow.ehr.hl7.billing-provider.line1", "2200 Riverside Dr");
        ehrProperties.put("claimflow.ehr.hl7.billing-provider.city", "Columbus");
        ehrProperties.put("claimflow.ehr.hl7.billing-provider.state", "OH");
        ehrProperties.put("claimflow.ehr.hl7.billing-provider.postal-code", "432211234");
        ehr = ServiceInstance.start(
                PROJECT, "ehr-connector", "io.claimflow.ehr.EhrConnectorApplication", ehrProperties, Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (ehr != null) {
            ehr.close();
        }
        if (coding != null) {
            coding.close();
        }
    }

    @Test
    void aFhirOfficeVisitWithSnomedConditionsIsCodedWithIcd10AndTheEmLevel() throws Exception {
        String encounterId = "fhir-e2e-" + UUID.randomUUID();
        String bundle = resource("fhir/office-visit-snomed.json").replace("enc-example-0001", encounterId);

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(ehr.url() + "/fhir"))
                                .header("Content-Type", "application/fhir+json")
                                .header("Authorization", basic("admin"))
                                .POST(HttpRequest.BodyPublishers.ofString(bundle))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        EncounterCoded coded = awaitCoded(encounterId);
        assertThat(coded.getCodingVersion()).isEqualTo(1);
        // SNOMED 38341003 hypertension and 44054006 type 2 diabetes through the crosswalk, E/M from the visit
        assertThat(coded.getDiagnoses()).extracting(Diagnosis::getCode).contains("I10", "E11.9");
        assertThat(coded.getServiceLines())
                .extracting(ServiceLine::getProcedureCode)
                .anyMatch(code -> code.matches("992[01][1-5]"));
        assertThat(coded.getServiceLines())
                .allSatisfy(line -> assertThat(line.getDiagnosisPointers()).isNotEmpty());
    }

    @Test
    void aDftP03OverMllpIsAcknowledgedAaAndCoded() throws Exception {
        String visit = "V-e2e-" + UUID.randomUUID();
        String message = resource("hl7/dft-p03-office-visit.hl7")
                .replace("VISIT_ID", visit)
                .replace("CTRL_ID", "C-" + visit)
                .replace("\r\n", "\r")
                .replace("\n", "\r");

        String ack = mllp(message);

        assertThat(ack).contains("MSA|AA|C-" + visit);
        awaitCodingOutcome(visit);
        EncounterCoded coded = awaitCoded(visit);
        assertThat(coded.getDiagnoses()).extracting(Diagnosis::getCode).contains("E11.9", "I10");
        assertThat(coded.getServiceLines())
                .extracting(ServiceLine::getProcedureCode)
                .contains("99214", "83036", "J3301");
    }

    @Test
    void aMalformedDftIsAnsweredWithAnErrorAndNotCoded() throws Exception {
        String visit = "V-e2e-bad-" + UUID.randomUUID();
        String message = resource("hl7/dft-p03-no-pid-no-dg1.hl7")
                .replace("VISIT_ID", visit)
                .replace("CTRL_ID", "C-" + visit)
                .replace("\r\n", "\r")
                .replace("\n", "\r");

        String ack = mllp(message);

        assertThat(ack).containsPattern("MSA\\|A[ER]\\|").contains("ERR|");
    }

    /** Fails with the coder-queue hold reasons when coding held the encounter instead of coding it. */
    private static void awaitCodingOutcome(String encounterId) throws Exception {
        Infrastructure infrastructure = Infrastructure.get();
        try (java.sql.Connection db = java.sql.DriverManager.getConnection(
                infrastructure.jdbcUrl("claimflow_coding"), infrastructure.username(), infrastructure.password())) {
            // status and hold reasons, once coding has the encounter
            String[] outcome = await(encounterId + " reaches coding")
                    .atMost(WAIT)
                    .pollInterval(Duration.ofMillis(250))
                    .until(
                            () -> {
                                try (var statement = db.prepareStatement("SELECT e.status, (SELECT string_agg("
                                        + "q.hold_reasons::text, '; ') FROM coder_queue_item q WHERE q.encounter_id = "
                                        + "e.encounter_id) FROM encounter e WHERE e.encounter_id = ?")) {
                                    statement.setString(1, encounterId);
                                    try (var rows = statement.executeQuery()) {
                                        return rows.next() ? new String[] {rows.getString(1), rows.getString(2)} : null;
                                    }
                                }
                            },
                            row -> row != null);
            assertThat(outcome[0]).as("held for a coder: %s", outcome[1]).isEqualTo("CODED");
        }
    }

    private static EncounterCoded awaitCoded(String encounterId) {
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(
                Map.of("schema.registry.url", Infrastructure.get().schemaRegistryUrl(), "specific.avro.reader", "true"),
                false);
        List<?> records =
                Records.awaitRecords(Topics.ENCOUNTER_CODED, 1, WAIT, deserializer, r -> encounterId.equals(r.key()));
        return (EncounterCoded) ((org.apache.kafka.clients.consumer.ConsumerRecord<?, ?>) records.get(0)).value();
    }

    private static String mllp(String message) throws IOException {
        try (Socket socket = new Socket("localhost", mllpPort)) {
            socket.setSoTimeout(60_000);
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            frame.write(0x0B);
            frame.write(message.getBytes(StandardCharsets.UTF_8));
            frame.write(0x1C);
            frame.write(0x0D);
            socket.getOutputStream().write(frame.toByteArray());
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) != -1 && b != 0x1C) {
                if (b != 0x0B) {
                    answer.write(b);
                }
            }
            return answer.toString(StandardCharsets.UTF_8).replace('\r', '\n');
        }
    }

    private static String resource(String name) throws IOException {
        return Files.readString(
                PROJECT.resolve("ehr-connector/src/test/resources").resolve(name));
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo-" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> common(Infrastructure infrastructure, String database) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
        properties.put("spring.kafka.properties.schema.registry.url", infrastructure.schemaRegistryUrl());
        properties.put("spring.datasource.url", infrastructure.jdbcUrl(database));
        // least privilege as in production: DML-only login, migrations as the owner
        properties.put("spring.datasource.username", infrastructure.applicationUsername());
        properties.put("spring.datasource.password", infrastructure.applicationPassword());
        properties.put("spring.flyway.user", infrastructure.username());
        properties.put("spring.flyway.password", infrastructure.password());
        properties.put("claimflow.outbox.poll-interval", "100ms");
        properties.put("management.metrics.use-global-registry", "false");
        properties.put("spring.main.banner-mode", "off");
        return properties;
    }
}
