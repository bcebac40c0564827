package io.claimflow.ehr;

import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.serde.ConfluentAvroDeserializer;
import io.claimflow.testsupport.Infrastructure;
import io.claimflow.testsupport.Records;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads EncounterDocumented records back from the topic with the Confluent wire-format deserializer. */
public final class PublishedEvents {

    private PublishedEvents() {}

    /** Waits for {@code count} records keyed {@code encounterId}, then returns every one with that key. */
    public static List<EncounterDocumented> await(String encounterId, int count) {
        List<ConsumerRecord<String, EncounterDocumented>> records = Records.awaitRecords(
                Topics.ENCOUNTER_DOCUMENTED,
                count,
                Duration.ofSeconds(30),
                deserializer(),
                r -> encounterId.equals(r.key()));
        return records.stream().map(ConsumerRecord::value).toList();
    }

    /**
     * Waits for {@code expected} records with the key, then a little longer so that a wrong extra one would show,
     * and returns all of them.
     */
    public static List<EncounterDocumented> awaitExactly(String encounterId, int expected) {
        await(encounterId, expected);
        try {
            Thread.sleep(1500); // the relay polls every 500 ms and is woken on commit: an extra event would be out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return await(encounterId, expected);
    }

    static Deserializer<EncounterDocumented> deserializer() {
        ConfluentAvroDeserializer avro = new ConfluentAvroDeserializer();
        avro.configure(
                Map.of("schema.registry.url", Infrastructure.get().schemaRegistryUrl(), "specific.avro.reader", true),
                false);
        return new Deserializer<>() {
            @Override
            public EncounterDocumented deserialize(String topic, byte[] data) {
                return (EncounterDocumented) avro.deserialize(topic, data);
            }

            @Override
            public void close() {
                avro.close();
            }
        };
    }
}
