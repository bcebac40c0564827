package io.claimflow.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.PaymentPosted;
import io.claimflow.schemas.json.JsonRecords;
import io.claimflow.schemas.json.Samples;
import io.claimflow.schemas.serde.ConfluentAvroDeserializer;
import io.claimflow.schemas.serde.ConfluentAvroSerializer;
import io.claimflow.testsupport.ClaimFlowInfrastructure;
import io.claimflow.testsupport.Infrastructure;
import io.claimflow.testsupport.Records;
import io.claimflow.testsupport.TestTopics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both directions of the Confluent wire format against a client that is not ClaimFlow's code: KafkaJS with
 * {@code @kafkajs/confluent-schema-registry} (avsc underneath), driven through {@code node/confluent-client.mjs}.
 * What the independent client writes, ClaimFlow's deserializer (the one every service consumes with) reads into
 * the generated class unchanged; what ClaimFlow's serializer writes, the independent client decodes to the same
 * record.
 */
@ClaimFlowInfrastructure
class ConfluentClientInteropTest {

    private static final Path CLIENT = Path.of("node", "confluent-client.mjs");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void recordWrittenByTheIndependentClientIsReadByClaimFlow() throws Exception {
        String topic = uniqueTopic("interop.encounter.documented");
        TestTopics.create(1, topic);
        EncounterDocumented sample = Samples.load(EncounterDocumented.class);
        Path schema = write(
                "EncounterDocumented.avsc", EncounterDocumented.getClassSchema().toString());
        Path record = write("EncounterDocumented.json", Samples.json(EncounterDocumented.class));

        String produced = node(
                "produce", kafka(), registry(), topic, schema.toString(), record.toString(), sample.getEncounterId());

        JsonNode result = JsonRecords.parse(produced.strip());
        assertThat(result.get("schemaId").asInt()).isPositive();
        List<ConsumerRecord<String, Object>> read = Records.awaitRecords(topic, 1, TIMEOUT, claimFlowDeserializer());
        assertThat(read).hasSize(1);
        assertThat(read.get(0).key()).isEqualTo(sample.getEncounterId());
        assertThat(read.get(0).value()).isInstanceOf(EncounterDocumented.class).isEqualTo(sample);
    }

    @Test
    void recordsWrittenByClaimFlowAreReadByTheIndependentClient() throws Exception {
        assertReadByIndependentClient(EncounterCoded.class, Samples.load(EncounterCoded.class));
        assertReadByIndependentClient(PaymentPosted.class, Samples.load(PaymentPosted.class));
    }

    private <T extends SpecificRecord> void assertReadByIndependentClient(Class<T> type, T sample) throws Exception {
        String topic = uniqueTopic("interop." + type.getSimpleName().toLowerCase());
        TestTopics.create(1, topic);
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(Map.of("schema.registry.url", registry()), false);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka(),
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        "schema.registry.url",
                        registry()),
                new StringSerializer(),
                serializer)) {
            producer.send(new ProducerRecord<>(topic, "enc-interop", sample)).get(30, TimeUnit.SECONDS);
        }

        String consumed = node("consume", kafka(), registry(), topic, "1");

        String line = consumed.lines()
                .filter(l -> l.startsWith("{\"eventId\""))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the independent client printed no record: " + consumed));
        // Decimals, dates and timestamps come back in the same plain-JSON shapes as schemas/samples, so the
        // decoded record read back through the schema must be the record ClaimFlow wrote.
        assertThat(JsonRecords.read(line, type)).isEqualTo(sample);
    }

    private static ConfluentAvroDeserializer claimFlowDeserializer() {
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", registry(), "specific.avro.reader", "true"), false);
        return deserializer;
    }

    private String node(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("node", CLIENT.toString()));
        command.addAll(List.of(args));
        Path output = work.resolve("node-" + UUID.randomUUID() + ".out");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the independent client did not finish in 90 s: " + Files.readString(output));
        }
        String text = Files.readString(output);
        assertThat(process.exitValue())
                .as("exit code of node %s; output:%n%s", args[0], text)
                .isZero();
        return text;
    }

    private Path write(String name, String content) throws IOException {
        Path file = work.resolve(name);
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    private static String uniqueTopic(String prefix) {
        return prefix + "." + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String kafka() {
        return Infrastructure.get().kafkaBootstrapServers();
    }

    private static String registry() {
        return Infrastructure.get().schemaRegistryUrl();
    }
}
