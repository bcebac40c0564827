package io.claimflow.schemas.serde;

import io.claimflow.schemas.registry.SchemaRegistryClient;
import io.claimflow.schemas.registry.SchemaRegistryClientConfig;
import io.claimflow.schemas.registry.SchemaRegistryException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for Confluent's wire format (magic byte 0, 4-byte big-endian schema id, Avro binary),
 * interchangeable with Confluent's {@code KafkaAvroDeserializer} on the wire and in configuration.
 *
 * <p>The writer schema comes from the registry by id (once per id). With {@code specific.avro.reader=true}
 * (default) records come back as the generated class named by the writer schema's full name, read with that
 * class's schema, so a consumer built against a newer schema reads records written with an older one (and the
 * other way round, within Avro's resolution rules). Otherwise they come back as GenericRecords in the writer schema.
 * A {@code null} payload (tombstone) gives {@code null}. Every failure is a {@link SerializationException} saying
 * what was wrong with which record: not the wire format, too short, unknown schema id, registry unreachable (the
 * cause is then a {@link SchemaRegistryException} with {@code isRetriable()} true), or undecodable (including a
 * string length or array count beyond the record's bytes, refused before anything is allocated). Thread-safe.
 */
public class ConfluentAvroDeserializer implements Deserializer<Object> {

    private final boolean registryGiven;
    private volatile SchemaRegistryClient registry;
    private volatile AvroSerdeConfig config;

    /**
     * DatumReaders by writer schema id. Within one deserializer the reader schema is a function of the writer id
     * (the writer's generated class, or the writer schema itself), so the id alone keys the (writer, reader) pair.
     */
    private final ConcurrentMap<Integer, DatumReader<Object>> readers = new ConcurrentHashMap<>();

    /** For Kafka, which instantiates the class and then calls {@link #configure(Map, boolean)}. */
    public ConfluentAvroDeserializer() {
        this.registryGiven = false;
    }

    /**
     * Uses the given registry client; usable at once with default settings (specific records), or configure it
     * further with {@link #configure(Map, boolean)}, which then needs no registry URL.
     */
    public ConfluentAvroDeserializer(SchemaRegistryClient registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.registryGiven = true;
        this.config = AvroSerdeConfig.from(Map.of(), false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig serdeConfig = AvroSerdeConfig.from(configs, isKey);
        if (!registryGiven) {
            registry = new SchemaRegistryClient(SchemaRegistryClientConfig.from(configs));
        }
        readers.clear();
        config = serdeConfig;
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (registry == null || config == null) {
            throw new IllegalStateException("ConfluentAvroDeserializer is not configured: call configure(...) with "
                    + SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL + " first");
        }
        if (data.length < WireFormat.HEADER_SIZE) {
            throw new SerializationException("Payload of " + data.length + " bytes on topic '" + topic
                    + "' is too short for the Confluent wire format, which starts with a magic byte and a 4-byte"
                    + " schema id (5 bytes)");
        }
        if (data[0] != WireFormat.MAGIC_BYTE) {
            throw new SerializationException("Unknown magic byte " + Byte.toUnsignedInt(data[0])
                    + ": not Confluent wire format (magic byte 0, 4-byte schema id, Avro binary) on topic '" + topic
                    + "'; was it written by another serializer?");
        }
        int id = ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
        DatumReader<Object> reader = readers.get(id);
        if (reader == null) {
            reader = newReader(id, topic);
            DatumReader<Object> raced = readers.putIfAbsent(id, reader);
            reader = raced != null ? raced : reader;
        }
        try {
            // bounded: a corrupt length or count is refused before it is allocated (not an OutOfMemoryError)
            return reader.read(
                    null, new BoundedDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Could not decode the Avro data of a record with schema id " + id + " on topic '" + topic + "': "
                            + ConfluentAvroSerializer.describe(e),
                    ConfluentAvroSerializer.withoutValues(e));
        }
    }

    @Override
    public void close() {
        // Nothing to release: the HTTP client is shared and has no close() on Java 17.
    }

    private DatumReader<Object> newReader(int id, String topic) {
        Schema writer;
        try {
            writer = registry.getById(id);
        } catch (SchemaRegistryException e) {
            throw new SerializationException(
                    e.getMessage() + "; cannot read a record with schema id " + id + " on topic '" + topic + "'", e);
        }
        if (!config.specificAvroReader() || writer.getType() != Schema.Type.RECORD) {
            return new GenericDatumReader<>(
                    writer,
                    writer,
                    config.useLogicalTypeConverters()
                            ? AvroDataModels.GENERIC_WITH_CONVERSIONS
                            : AvroDataModels.GENERIC_RAW);
        }
        Class<?> recordClass = findClass(writer.getFullName());
        if (recordClass == null) {
            throw new SerializationException("No class " + writer.getFullName() + " on the classpath for schema id "
                    + id + " on topic '" + topic + "' (specific.avro.reader=true); add the generated class or set "
                    + "specific.avro.reader=false to read GenericRecords");
        }
        if (!SpecificRecord.class.isAssignableFrom(recordClass)) {
            throw new SerializationException("Class " + recordClass.getName() + " named by schema id " + id
                    + " is not a generated Avro SpecificRecord");
        }
        SpecificData model = AvroDataModels.specificReadModel(recordClass);
        Schema reader = model.getSchema(recordClass);
        SchemaCompatibility.SchemaPairCompatibility compatibility =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            // Fail with the reason now, rather than with Avro's terse resolution error on every record.
            String reasons = compatibility.getResult().getIncompatibilities().stream()
                    .limit(3)
                    .map(i -> i.getMessage() + " at " + i.getLocation())
                    .collect(Collectors.joining("; "));
            throw new SerializationException("Class " + recordClass.getName() + " cannot read records written with "
                    + "schema id " + id + " on topic '" + topic + "': " + reasons);
        }
        return new SpecificDatumReader<>(writer, reader, model);
    }

    /** The thread's context class loader first (application servers, DevTools), then the one that loaded us. */
    private static Class<?> findClass(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, ConfluentAvroDeserializer.class.getClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // try the next loader
            }
        }
        return null;
    }
}
