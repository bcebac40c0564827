package io.claimflow.schemas.serde;

import io.claimflow.schemas.registry.SchemaMetadata;
import io.claimflow.schemas.registry.SchemaRegistryClient;
import io.claimflow.schemas.registry.SchemaRegistryClientConfig;
import io.claimflow.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.UnresolvedUnionException;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serializer for Avro records in Confluent's wire format (magic byte 0, 4-byte big-endian schema id, Avro
 * binary), interchangeable with Confluent's {@code KafkaAvroSerializer} on the wire and in configuration.
 *
 * <p>Accepts generated {@link SpecificRecord}s and {@link org.apache.avro.generic.GenericRecord}s (any
 * {@link GenericContainer}); {@code null} becomes a {@code null} payload (a tombstone). The subject is
 * {@code <topic>-value} ({@code <topic>-key} for keys). The schema id comes from, in this order:
 * <ol>
 *   <li>{@code auto.register.schemas=true} (default): registering the record's schema (once; then cached);</li>
 *   <li>{@code use.latest.version=true}: the subject's latest schema, which also becomes the writer schema
 *       (fields matched by name, missing ones written as their defaults); with {@code latest.compatibility.strict}
 *       (default) it must be able to read the record's own schema;</li>
 *   <li>otherwise looking up the record's schema under the subject, which must already be registered.</li>
 * </ol>
 * See {@link AvroSerdeConfig} and {@link SchemaRegistryClientConfig} for all keys. Thread-safe.
 */
public class ConfluentAvroSerializer implements Serializer<Object> {

    private static final Pattern FIELD_HINT = Pattern.compile("(?:in field |\\(field=)([A-Za-z0-9_.]+)");

    private final boolean registryGiven;
    private volatile SchemaRegistryClient registry;
    private volatile AvroSerdeConfig config;
    private volatile boolean isKey;

    private final ConcurrentMap<WriterKey, DatumWriter<Object>> writers = new ConcurrentHashMap<>();
    private final ConcurrentMap<SchemaPair, Resolution> latestResolutions = new ConcurrentHashMap<>();

    /** For Kafka, which instantiates the class and then calls {@link #configure(Map, boolean)}. */
    public ConfluentAvroSerializer() {
        this.registryGiven = false;
    }

    /**
     * Uses the given registry client (shared caches, or tests); usable at once with default settings for values,
     * or configure it further with {@link #configure(Map, boolean)}, which then needs no registry URL.
     */
    public ConfluentAvroSerializer(SchemaRegistryClient registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.registryGiven = true;
        this.config = AvroSerdeConfig.from(Map.of(), false);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        AvroSerdeConfig serdeConfig = AvroSerdeConfig.from(configs, isKey);
        if (serdeConfig.useLatestVersion() && serdeConfig.autoRegisterSchemas()) {
            // Confluent silently ignores use.latest.version here; say so instead of surprising anyone.
            throw new org.apache.kafka.common.config.ConfigException(AvroSerdeConfig.USE_LATEST_VERSION
                    + "=true needs " + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS + "=false: a serializer either "
                    + "registers the record's schema or writes with the latest registered one");
        }
        if (!registryGiven) {
            registry = new SchemaRegistryClient(SchemaRegistryClientConfig.from(configs));
        }
        this.isKey = isKey;
        this.config = serdeConfig;
    }

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        SchemaRegistryClient client = registry;
        AvroSerdeConfig settings = config;
        if (client == null || settings == null) {
            throw new IllegalStateException("ConfluentAvroSerializer is not configured: call configure(...) with "
                    + SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL + " first");
        }
        if (!(data instanceof GenericContainer container)) {
            throw new SerializationException("ConfluentAvroSerializer cannot serialize a "
                    + data.getClass().getName() + " for topic '" + topic
                    + "': expected an Avro SpecificRecord or GenericRecord");
        }
        Schema recordSchema = container.getSchema();
        String subject = TopicNameStrategy.subjectName(topic, isKey);

        int id;
        Schema writerSchema;
        boolean byName = false;
        if (settings.autoRegisterSchemas()) {
            id = registryCall(
                    () -> client.register(subject, recordSchema),
                    "Could not register schema " + recordSchema.getFullName() + " under subject '" + subject + "'");
            writerSchema = recordSchema;
        } else if (settings.useLatestVersion()) {
            SchemaMetadata latest = registryCall(
                    () -> client.getLatest(subject),
                    "Could not fetch the latest schema of subject '" + subject + "' (use.latest.version=true)");
            Resolution resolution = latestResolutions.computeIfAbsent(
                    new SchemaPair(latest.schema(), recordSchema),
                    pair -> resolve(pair, settings.latestCompatibilityStrict()));
            if (resolution.error() != null) {
                throw new SerializationException("The latest schema of subject '" + subject + "' (id " + latest.id()
                        + ", version " + latest.version() + ") cannot read records of schema "
                        + recordSchema.getFullName() + " as written here: " + resolution.error()
                        + "; update the producer or set latest.compatibility.strict=false");
            }
            id = latest.id();
            writerSchema = latest.schema();
            byName = resolution.byName();
        } else {
            id = registryCall(
                    () -> client.lookup(subject, recordSchema).id(),
                    "Could not look up schema " + recordSchema.getFullName() + " under subject '" + subject
                            + "' (auto.register.schemas=false)");
            writerSchema = recordSchema;
        }

        Class<?> specificClass = data instanceof SpecificRecord ? data.getClass() : null;
        DatumWriter<Object> writer = writers.computeIfAbsent(
                new WriterKey(writerSchema, specificClass, byName), ConfluentAvroSerializer::newWriter);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(WireFormat.MAGIC_BYTE);
        out.write(id >>> 24);
        out.write(id >>> 16);
        out.write(id >>> 8);
        out.write(id);
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writer.write(data, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(
                    "Could not encode a " + recordSchema.getFullName() + " record for topic '" + topic
                            + "' with schema id " + id + ": " + describe(e),
                    withoutValues(e));
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        // Nothing to release: the HTTP client is shared and has no close() on Java 17.
    }

    private static DatumWriter<Object> newWriter(WriterKey key) {
        if (key.byName()) {
            return new GenericDatumWriter<>(key.writerSchema(), AvroDataModels.BY_NAME);
        }
        if (key.specificClass() != null) {
            // The generated class's own model carries exactly the conversions its field types need.
            return new SpecificDatumWriter<>(key.writerSchema(), SpecificData.getForClass(key.specificClass()));
        }
        return new GenericDatumWriter<>(key.writerSchema(), AvroDataModels.GENERIC_WITH_CONVERSIONS);
    }

    private static Resolution resolve(SchemaPair pair, boolean strict) {
        if (pair.latest().equals(pair.record())) {
            return new Resolution(false, null);
        }
        if (strict) {
            SchemaCompatibility.SchemaPairCompatibility compatibility =
                    SchemaCompatibility.checkReaderWriterCompatibility(pair.latest(), pair.record());
            if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
                String reasons = compatibility.getResult().getIncompatibilities().stream()
                        .limit(3)
                        .map(i -> i.getMessage() + " at " + i.getLocation())
                        .collect(Collectors.joining("; "));
                return new Resolution(true, reasons);
            }
        }
        return new Resolution(true, null);
    }

    private static <T> T registryCall(RegistryCall<T> call, String failure) {
        try {
            return call.run();
        } catch (SchemaRegistryException e) {
            throw new SerializationException(failure + ": " + e.getMessage(), e);
        }
    }

    /** Names the failure and the field without repeating Avro's message, which can quote the field's value. */
    static String describe(Throwable e) {
        if (e instanceof NullPointerException || e instanceof ClassCastException) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        if (e instanceof UnresolvedUnionException union) {
            Object datum = union.getUnresolvedDatum();
            return "a value of type "
                    + (datum == null ? "null" : datum.getClass().getName()) + " matches no branch of union "
                    + union.getUnionSchema() + fieldHint(e);
        }
        if (e instanceof AvroTypeException) {
            return "AvroTypeException: a value does not match its schema" + fieldHint(e);
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /**
     * The cause to attach: Avro's union and type errors print the offending value (possibly a whole record with
     * patient data), so those are replaced by a value-free copy with the same stack trace.
     */
    static Throwable withoutValues(Throwable e) {
        if (e instanceof UnresolvedUnionException || e instanceof AvroTypeException) {
            AvroRuntimeException copy = new AvroRuntimeException(e.getClass().getSimpleName() + fieldHint(e));
            copy.setStackTrace(e.getStackTrace());
            return copy;
        }
        return e;
    }

    private static String fieldHint(Throwable e) {
        if (e.getMessage() == null) {
            return "";
        }
        Matcher matcher = FIELD_HINT.matcher(e.getMessage());
        String field = null;
        while (matcher.find()) {
            field = matcher.group(1);
        }
        return field == null ? "" : " (field " + field + ")";
    }

    @FunctionalInterface
    private interface RegistryCall<T> {
        T run();
    }

    private record WriterKey(Schema writerSchema, Class<?> specificClass, boolean byName) {}

    private record SchemaPair(Schema latest, Schema record) {}

    /** How to write records of one schema with the latest schema: by field name or not, or an error. */
    private record Resolution(boolean byName, String error) {}
}
