package io.claimflow.schemas.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.events.EncounterDocumented;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.json.Samples;
import io.claimflow.schemas.registry.FakeSchemaRegistry;
import io.claimflow.schemas.serde.ConfluentAvroDeserializer;
import io.claimflow.schemas.serde.ConfluentAvroSerializer;
import io.claimflow.testsupport.Fuzz;
import java.util.Arrays;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the Confluent wire-format deserializer, the door of every consumer: arbitrary bytes and mutations of a
 * real EncounterDocumented record (bytes flipped, cut, inserted, the schema id changed, a huge length written where
 * one is read, and {@link Fuzz}'s generic mutations) either read as a record or fail with a
 * {@link SerializationException} (which the platform dead-letters); never another exception or an error such as
 * OutOfMemoryError from a huge length prefix. Cases: {@link Fuzz} ({@code claimflow.fuzz.iterations}, 200 in CI).
 */
class WireFormatFuzzTest {

    private static FakeSchemaRegistry registry;
    private static ConfluentAvroDeserializer deserializer;
    private static byte[] valid;

    @BeforeAll
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

    @AfterAll
    static void stop() {
        registry.close();
    }

    @Test
    void arbitraryBytesAreReadOrRefusedWithASerializationException() {
        Fuzz.check("arbitrary bytes", fuzz -> fuzz.bytes(fuzz.pick(32, 256, 4096)), WireFormatFuzzTest::readOrRefuse);
    }

    @Test
    void aMutatedRecordIsReadOrRefusedWithASerializationException() {
        Fuzz.check("mutated record", WireFormatFuzzTest::mutation, WireFormatFuzzTest::readOrRefuse);
    }

    /**
     * Found by this test (seed 1, 3,000 cases: 9 bytes inserted): a string length of a gigabyte inside a record of
     * 900 bytes made Avro allocate it (OutOfMemoryError) before finding the bytes missing.
     */
    @Test
    void aStringLengthBeyondTheRecordIsASerializationExceptionNotAnOutOfMemoryError() {
        // the first field, the event id, starts right after the header with its length (zig-zag varint 0x48: 36)
        assertThat(valid[5]).isEqualTo((byte) 0x48);
        byte[] gigabyte = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
        byte[] bytes = new byte[valid.length + 4];
        System.arraycopy(valid, 0, bytes, 0, 5);
        System.arraycopy(gigabyte, 0, bytes, 5, 5);
        System.arraycopy(valid, 6, bytes, 10, valid.length - 6);
        assertThatThrownBy(() -> deserializer.deserialize(Topics.ENCOUNTER_DOCUMENTED, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("1073741824");
    }

    private static byte[] mutation(Fuzz fuzz) {
        switch (fuzz.between(0, 4)) {
            case 0 -> {
                byte[] copy = valid.clone();
                int n = fuzz.between(1, 8);
                for (int i = 0; i < n; i++) {
                    copy[fuzz.between(0, valid.length - 1)] =
                            (byte) fuzz.random().nextInt(256);
                }
                fuzz.note("set " + n + " bytes");
                return copy;
            }
            case 1 -> {
                int length = fuzz.between(0, valid.length - 1);
                fuzz.note("cut to " + length);
                return Arrays.copyOf(valid, length);
            }
            case 2 -> {
                int at = fuzz.between(0, valid.length - 1);
                byte[] extra = new byte[fuzz.between(1, 16)];
                fuzz.random().nextBytes(extra);
                fuzz.note("insert " + extra.length + " bytes at " + at);
                byte[] copy = new byte[valid.length + extra.length];
                System.arraycopy(valid, 0, copy, 0, at);
                System.arraycopy(extra, 0, copy, at, extra.length);
                System.arraycopy(valid, at, copy, at + extra.length, valid.length - at);
                return copy;
            }
            case 3 -> {
                // a huge varint length where a string or array length is expected
                int at = fuzz.between(5, valid.length - 6);
                fuzz.note("huge length at " + at);
                byte[] copy = valid.clone();
                copy[at] = (byte) 0xfe;
                copy[at + 1] = (byte) 0xff;
                copy[at + 2] = (byte) 0xff;
                copy[at + 3] = (byte) 0xff;
                copy[at + 4] = (byte) 0x0f;
                return copy;
            }
            default -> {
                return fuzz.mutate(valid);
            }
        }
    }

    private static void readOrRefuse(byte[] bytes) {
        try {
            Object record = deserializer.deserialize(Topics.ENCOUNTER_DOCUMENTED, bytes);
            assertThat(record).isNotNull();
        } catch (SerializationException e) {
            assertThat(e.getMessage()).isNotBlank();
        } catch (RuntimeException | Error e) {
            throw new AssertionError(
                    "the deserializer let " + e.getClass().getName() + " escape for " + bytes.length + " bytes", e);
        }
    }
}
