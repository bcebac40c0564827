package io.claimflow.schemas.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.json.Samples;
import io.claimflow.schemas.registry.FakeSchemaRegistry;
import io.claimflow.schemas.serde.ConfluentAvroDeserializer;
import io.claimflow.schemas.serde.ConfluentAvroSerializer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Fuzzing of the Confluent wire-format deserializer, the door of every consumer: arbitrary bytes and mutations of a
 * real EncounterDocumented record (bytes flipped, cut, inserted, the schema id changed) either read as a record or
 * fail with a {@link SerializationException} (which the platform dead-letters); never another exception or an
 * error such as OutOfMemoryError from a huge length prefix. Tries: {@code jqwik.tries.default} (junit-platform
 * properties, 200 in CI); a longer run: {@code -Djqwik.tries.default=100000}.
 */
class WireFormatFuzzTest {

    private static FakeSchemaRegistry registry;
    private static ConfluentAvroDeserializer deserializer;
    private static byte[] valid;

    @BeforeContainer
    static void start() {
        registry = FakeSchemaRegistry.start();
        Map<String, Object> config = Map.of("schema.registry.url", registry.url());
        try (ConfluentAvroSerializer serializer = new ConfluentAvroSerializer()) {
            serializer.configure(config, false);
            valid = serializer.serialize(Topics.ENCOUNTER_DOCUMENTED, Samples.load(EncounterDocumented.class));
        }
        deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(config, false);
    }

    @AfterContainer
    static void stop() {
        registry.close();
    }

    @Property
    void arbitraryBytesAreReadOrRefusedWithASerializationException(@ForAll byte[] bytes) {
        readOrRefuse(bytes);
    }

    @Property
    void aMutatedRecordIsReadOrRefusedWithASerializationException(@ForAll("mutations") byte[] bytes) {
        readOrRefuse(bytes);
    }

    @Provide
    Arbitrary<byte[]> mutations() {
        Arbitrary<Integer> position = Arbitraries.integers().between(0, valid.length - 1);
        Arbitrary<byte[]> flipped = Combinators.combine(position.list().ofMinSize(1).ofMaxSize(8),
                Arbitraries.bytes().list().ofSize(8)).as((positions, values) -> {
                    byte[] copy = valid.clone();
                    for (int i = 0; i < positions.size(); i++) {
                        copy[positions.get(i)] = values.get(i);
                    }
                    return copy;
                });
        Arbitrary<byte[]> cut = position.map(length -> Arrays.copyOf(valid, length));
        Arbitrary<byte[]> inserted = Combinators.combine(position, Arbitraries.bytes().array(byte[].class)
                .ofMinSize(1).ofMaxSize(16)).as((at, extra) -> {
                    byte[] copy = new byte[valid.length + extra.length];
                    System.arraycopy(valid, 0, copy, 0, at);
                    System.arraycopy(extra, 0, copy, at, extra.length);
                    System.arraycopy(valid, at, copy, at + extra.length, valid.length - at);
                    return copy;
                });
        // a huge varint length where a string or array length is expected
        Arbitrary<byte[]> hugeLength = position.filter(at -> at >= 5 && at < valid.length - 5).map(at -> {
            byte[] copy = valid.clone();
            copy[at] = (byte) 0xfe;
            copy[at + 1] = (byte) 0xff;
            copy[at + 2] = (byte) 0xff;
            copy[at + 3] = (byte) 0xff;
            copy[at + 4] = (byte) 0x0f;
            return copy;
        });
        return Arbitraries.oneOf(flipped, cut, inserted, hugeLength);
    }

    private static void readOrRefuse(byte[] bytes) {
        try {
            Object record = deserializer.deserialize(Topics.ENCOUNTER_DOCUMENTED, bytes);
            assertThat(record).isNotNull();
        } catch (SerializationException e) {
            assertThat(e.getMessage()).isNotBlank();
        } catch (RuntimeException | Error e) {
            throw new AssertionError("the deserializer let " + e.getClass().getName() + " escape for "
                    + bytes.length + " bytes", e);
        }
    }

}
