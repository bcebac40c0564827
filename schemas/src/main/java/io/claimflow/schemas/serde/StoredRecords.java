package io.claimflow.schemas.serde;

import io.claimflow.schemas.json.JsonRecords;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro records kept in a database column ({@code bytea}) instead of as JSON: Avro's single-object encoding, a
 * two-byte marker ({@code C3 01}), the 8-byte fingerprint of the writer schema, then Avro binary. Writing and reading
 * one is a walk over the record's fields, with none of JSON's text, trees or number parsing.
 *
 * <p>A stored record stays readable when its schema evolves: the reader knows the record's current schema and every
 * released version of it ({@code released/<Event>/v<n>.avsc}), finds the writer schema by its fingerprint and
 * resolves it to the current class by Avro's rules. Bytes without the marker are taken for the plain JSON
 * ({@link JsonRecords}) the services stored before, so rows written then still read (slowly, once per read).
 *
 * <p>Records come back with {@code java.util.ArrayList}s for arrays, so they compare equal to the records they were
 * written from, BigDecimals included. Thread-safe.
 */
public final class StoredRecords {

    private static final ClassValue<Codec<?>> CODECS = new ClassValue<>() {
        @Override
        protected Codec<?> computeValue(Class<?> type) {
            return new Codec<>(type.asSubclass(SpecificRecord.class));
        }
    };

    private StoredRecords() {}

    /** {@code record} in single-object encoding. */
    public static <T extends SpecificRecord> byte[] write(T record) {
        @SuppressWarnings("unchecked")
        Codec<T> codec = (Codec<T>) CODECS.get(record.getClass());
        return codec.write(record);
    }

    /**
     * The record of class {@code type} stored as {@code bytes}: single-object encoded with the current or a released
     * version of its schema, or (rows stored before) its plain JSON in UTF-8.
     *
     * @throws IllegalArgumentException when the bytes are neither, or name a writer schema that was never released
     */
    public static <T extends SpecificRecord> T read(byte[] bytes, Class<T> type) {
        if (!isSingleObject(bytes)) {
            return JsonRecords.read(new String(bytes, StandardCharsets.UTF_8), type);
        }
        @SuppressWarnings("unchecked")
        Codec<T> codec = (Codec<T>) CODECS.get(type);
        return codec.read(bytes);
    }

    /** Whether {@code bytes} start with the single-object marker (otherwise they are legacy JSON). */
    public static boolean isSingleObject(byte[] bytes) {
        return bytes.length >= 10 && bytes[0] == (byte) 0xC3 && bytes[1] == (byte) 0x01;
    }

    private static final class Codec<T extends SpecificRecord> {

        private final Class<T> type;
        private final BinaryMessageEncoder<T> encoder;
        private final BinaryMessageDecoder<T> decoder;

        Codec(Class<T> type) {
            this.type = type;
            SpecificData model = AvroDataModels.specificReadModel(type);
            Schema schema = model.getSchema(type);
            this.encoder = new BinaryMessageEncoder<>(model, schema);
            this.decoder = new BinaryMessageDecoder<>(model, schema);
            for (int version = 1; ; version++) {
                Schema released = released(type, version);
                if (released == null) {
                    break;
                }
                decoder.addSchema(released);
            }
        }

        byte[] write(T record) {
            try {
                ByteBuffer buffer = encoder.encode(record); // a copy of Avro's per-thread buffer
                if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.array().length == buffer.remaining()) {
                    return buffer.array();
                }
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return bytes;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        T read(byte[] bytes) {
            try {
                return decoder.decode(bytes);
            } catch (IOException | AvroRuntimeException e) {
                // Avro's message may quote field values: name the type and the cause's class only
                throw new IllegalArgumentException("Stored " + type.getSimpleName() + " is not readable ("
                        + e.getClass().getSimpleName() + ")");
            }
        }

        private static Schema released(Class<?> type, int version) {
            String name = "released/" + type.getSimpleName() + "/v" + version + ".avsc";
            try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
                return in == null ? null : new Schema.Parser().parse(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
