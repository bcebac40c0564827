package io.claimflow.schemas.serde;

import io.claimflow.schemas.config.ClientConfigValues;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Serde settings, read from Confluent's configuration keys (registry connection keys are read by
 * {@link io.claimflow.schemas.registry.SchemaRegistryClientConfig}).
 *
 * <ul>
 *   <li>{@code auto.register.schemas} (default true): the serializer registers the record's schema.</li>
 *   <li>{@code use.latest.version} (default false; needs {@code auto.register.schemas=false}): the serializer
 *       writes with the subject's latest registered schema instead of the record's own.</li>
 *   <li>{@code latest.compatibility.strict} (default true): with {@code use.latest.version}, refuse a record
 *       whose schema the latest schema cannot read.</li>
 *   <li>{@code specific.avro.reader} (default true): the deserializer returns generated classes, else
 *       GenericRecords.</li>
 *   <li>{@code avro.use.logical.type.converters} (default true, unlike Confluent): GenericRecords carry
 *       BigDecimal, LocalDate, Instant, ... for logical types instead of their raw bytes and numbers.</li>
 *   <li>{@code key.subject.name.strategy} / {@code value.subject.name.strategy}: only TopicNameStrategy
 *       ({@code <topic>-key} / {@code <topic>-value}) is supported; anything else is refused.</li>
 * </ul>
 */
public record AvroSerdeConfig(
        boolean autoRegisterSchemas,
        boolean useLatestVersion,
        boolean latestCompatibilityStrict,
        boolean specificAvroReader,
        boolean useLogicalTypeConverters) {

    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    public static final String USE_LATEST_VERSION = "use.latest.version";
    public static final String LATEST_COMPATIBILITY_STRICT = "latest.compatibility.strict";
    public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
    public static final String AVRO_USE_LOGICAL_TYPE_CONVERTERS = "avro.use.logical.type.converters";
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";

    /** Reads the serde settings from a Kafka client configuration map. */
    public static AvroSerdeConfig from(Map<String, ?> configs, boolean isKey) {
        String strategyKey = isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY;
        Object strategy = configs.get(strategyKey);
        if (strategy != null) {
            String name = strategy instanceof Class<?> type ? type.getName() : String.valueOf(strategy);
            if (!name.isBlank() && !name.endsWith("TopicNameStrategy")) {
                throw new ConfigException(strategyKey + "=" + name + " is not supported: ClaimFlow's serde uses "
                        + "TopicNameStrategy (<topic>-key / <topic>-value)");
            }
        }
        ClientConfigValues values = ClientConfigValues.of(configs);
        return new AvroSerdeConfig(
                values.bool(true, AUTO_REGISTER_SCHEMAS),
                values.bool(false, USE_LATEST_VERSION),
                values.bool(true, LATEST_COMPATIBILITY_STRICT),
                values.bool(true, SPECIFIC_AVRO_READER),
                values.bool(true, AVRO_USE_LOGICAL_TYPE_CONVERTERS));
    }
}
