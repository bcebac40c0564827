package io.claimflow.schemas.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Converts between Avro records and plain JSON: the JSON a person or an EHR integration writes, with the Avro
 * field names, not Avro's own union-wrapped JSON encoding.
 *
 * <p>The schema guides the conversion:
 * <ul>
 *   <li>a union with null is the value or JSON {@code null}; in a union of several non-null types the first branch
 *       the value fits wins;</li>
 *   <li>decimals are JSON strings such as {@code "125.00"} (JSON numbers are accepted on input), padded to the
 *       schema's scale, never rounded;</li>
 *   <li>{@code date} is {@code "2026-03-14"}, {@code timestamp-millis} an ISO-8601 instant such as
 *       {@code "2026-03-14T15:42:07.123Z"} (an offset such as {@code -05:00} is accepted on input),
 *       {@code time-millis} {@code "15:42:07.123"}, {@code local-timestamp-millis} {@code "2026-03-14T15:42:07"};</li>
 *   <li>enums are their symbol, bytes and fixed (other than decimals) base64 strings, maps JSON objects;</li>
 *   <li>a missing field takes its schema default, or is an error when it has none; an unknown field is an error.</li>
 * </ul>
 * Writing emits every field, nulls included, in schema order, so {@code write(read(json))} gives back a complete
 * sample unchanged.
 *
 * <p>Records read for a generated class are that class (specific); records read against a bare schema are
 * {@link GenericData.Record}s holding the same logical-type values ({@link BigDecimal}, {@link LocalDate},
 * {@link Instant}), so serialize them with a {@link GenericData} that has the logical-type conversions.
 * Errors are {@link JsonRecordException}s naming the field path. Thread-safe.
 */
public final class JsonRecords {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            // keeps "12.50"-style numbers exact instead of passing them through double
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private static final JsonNodeFactory NODES = JsonNodeFactory.withExactBigDecimals(true);

    private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

    // One model per generated class, made once: a new SpecificData loads the logical-type conversions through
    // ServiceLoader, which scans every jar of the class path (the end-to-end profile found it on every read).
    private static final ClassValue<SpecificData> MODELS = new ClassValue<>() {
        @Override
        protected SpecificData computeValue(Class<?> type) {
            return new SpecificData(type.getClassLoader());
        }
    };

    private JsonRecords() {}

    /** Reads plain JSON text into a record of the generated class {@code type}. */
    public static <T extends SpecificRecord> T read(String json, Class<T> type) {
        return read(parse(json, type.getSimpleName()), type);
    }

    /** Reads plain JSON from {@code json} (not closed) into a record of the generated class {@code type}. */
    public static <T extends SpecificRecord> T read(InputStream json, Class<T> type) {
        try {
            return read(MAPPER.readTree(json), type);
        } catch (JsonProcessingException e) {
            throw invalidJson(type.getSimpleName(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a parsed JSON tree into a record of the generated class {@code type}. */
    public static <T extends SpecificRecord> T read(JsonNode json, Class<T> type) {
        SpecificData model = MODELS.get(type);
        Schema schema = model.getSchema(type);
        Object record = new Reader(model).value(json, schema, schema.getName());
        if (!type.isInstance(record)) {
            throw new IllegalStateException("Avro made a " + record.getClass().getName() + " for schema "
                    + schema.getFullName() + " instead of " + type.getName() + "; is the class on its class loader?");
        }
        return type.cast(record);
    }

    /** Reads plain JSON text into a generic record of {@code schema}. */
    public static GenericRecord read(String json, Schema schema) {
        return read(parse(json, schema.getName()), schema);
    }

    /** Reads a parsed JSON tree into a generic record of {@code schema}. */
    public static GenericRecord read(JsonNode json, Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new IllegalArgumentException("Not a record schema: " + schema.getFullName());
        }
        return (GenericRecord) new Reader(GenericData.get()).value(json, schema, schema.getName());
    }

    /** Writes {@code record} (specific or generic) as indented plain JSON. */
    public static String write(IndexedRecord record) {
        try {
            return MAPPER.writeValueAsString(toJsonNode(record));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Jackson could not write a tree it built", e);
        }
    }

    /** Converts {@code record} (specific or generic) to a plain JSON tree. */
    public static ObjectNode toJsonNode(IndexedRecord record) {
        Schema schema = record.getSchema();
        return (ObjectNode) Writer.value(record, schema, schema.getName());
    }

    /** Parses JSON text with the settings this class uses (exact decimals, no trailing tokens). */
    public static JsonNode parse(String json) {
        return parse(json, "(json)");
    }

    private static JsonNode parse(String json, String root) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw invalidJson(root, e);
        }
    }

    /** Jackson's message quotes the offending token, which may be patient data: give its position only. */
    private static JsonRecordException invalidJson(String root, JsonProcessingException e) {
        var at = e.getLocation();
        return new JsonRecordException(
                root,
                at == null
                        ? "not valid JSON"
                        : "not valid JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
    }

    /** JSON to Avro values; the model decides whether records and enums are specific or generic. */
    private record Reader(GenericData model) {

        Object value(JsonNode node, Schema schema, String path) {
            if (node == null || node.isMissingNode()) {
                throw new JsonRecordException(path, "missing");
            }
            if (schema.getType() == Schema.Type.UNION) {
                return union(node, schema, path);
            }
            if (node.isNull() && schema.getType() != Schema.Type.NULL) {
                throw new JsonRecordException(path, "must not be null (" + describe(schema) + ")");
            }
            LogicalType logical = schema.getLogicalType();
            if (logical != null) {
                return logical(node, schema, logical, path);
            }
            return switch (schema.getType()) {
                case RECORD -> record(node, schema, path);
                case ENUM -> enumSymbol(node, schema, path);
                case ARRAY -> array(node, schema, path);
                case MAP -> map(node, schema, path);
                case STRING -> text(node, schema, path);
                case INT -> {
                    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
                        throw mismatch(path, schema, node);
                    }
                    yield node.intValue();
                }
                case LONG -> {
                    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                        throw mismatch(path, schema, node);
                    }
                    yield node.longValue();
                }
                case FLOAT -> {
                    if (!node.isNumber()) {
                        throw mismatch(path, schema, node);
                    }
                    yield node.floatValue();
                }
                case DOUBLE -> {
                    if (!node.isNumber()) {
                        throw mismatch(path, schema, node);
                    }
                    yield node.doubleValue();
                }
                case BOOLEAN -> {
                    if (!node.isBoolean()) {
                        throw mismatch(path, schema, node);
                    }
                    yield node.booleanValue();
                }
                case BYTES -> ByteBuffer.wrap(base64(node, schema, path));
                case FIXED -> {
                    byte[] bytes = base64(node, schema, path);
                    if (bytes.length != schema.getFixedSize()) {
                        throw new JsonRecordException(
                                path, "expected " + schema.getFixedSize() + " bytes (base64) but got " + bytes.length);
                    }
                    yield model.createFixed(null, bytes, schema);
                }
                case NULL -> {
                    if (!node.isNull()) {
                        throw mismatch(path, schema, node);
                    }
                    yield null;
                }
                case UNION -> throw new AssertionError("handled above");
            };
        }

        private Object union(JsonNode node, Schema union, String path) {
            List<Schema> branches = union.getTypes();
            if (node.isNull()) {
                if (branches.stream().anyMatch(b -> b.getType() == Schema.Type.NULL)) {
                    return null;
                }
                throw new JsonRecordException(path, "must not be null (" + describe(union) + ")");
            }
            List<Schema> candidates = branches.stream()
                    .filter(b -> b.getType() != Schema.Type.NULL)
                    .toList();
            if (candidates.size() == 1) {
                return value(node, candidates.get(0), path);
            }
            List<String> problems = new ArrayList<>();
            for (Schema branch : candidates) {
                try {
                    return value(node, branch, path);
                } catch (JsonRecordException e) {
                    problems.add(describe(branch) + ": " + e.getMessage());
                }
            }
            throw new JsonRecordException(path, "fits none of " + describe(union) + " " + problems);
        }

        private Object record(JsonNode node, Schema schema, String path) {
            if (!node.isObject()) {
                throw mismatch(path, schema, node);
            }
            Set<String> known =
                    schema.getFields().stream().map(Schema.Field::name).collect(Collectors.toSet());
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!known.contains(name)) {
                    throw new JsonRecordException(
                            join(path, name),
                            "unknown field; " + schema.getName() + " has "
                                    + schema.getFields().stream()
                                            .map(Schema.Field::name)
                                            .toList());
                }
            }
            IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
            for (Schema.Field field : schema.getFields()) {
                String fieldPath = join(path, field.name());
                JsonNode child = node.get(field.name());
                Object value;
                if (child == null) {
                    if (!field.hasDefaultValue()) {
                        throw new JsonRecordException(
                                fieldPath, "missing, and the field has no default (" + describe(field.schema()) + ")");
                    }
                    // copy: the model caches default values and records are mutable
                    value = model.deepCopy(field.schema(), model.getDefaultValue(field));
                } else {
                    value = value(child, field.schema(), fieldPath);
                }
                record.put(field.pos(), value);
            }
            return record;
        }

        private Object enumSymbol(JsonNode node, Schema schema, String path) {
            if (!node.isTextual()) {
                throw mismatch(path, schema, node);
            }
            String symbol = node.textValue();
            if (!schema.hasEnumSymbol(symbol)) {
                String shown = symbol.length() > 40 ? symbol.substring(0, 40) + "..." : symbol;
                throw new JsonRecordException(
                        path,
                        "unknown " + schema.getName() + " symbol \"" + shown + "\"; expected one of "
                                + schema.getEnumSymbols());
            }
            return model.createEnum(symbol, schema);
        }

        private List<Object> array(JsonNode node, Schema schema, String path) {
            if (!node.isArray()) {
                throw mismatch(path, schema, node);
            }
            List<Object> items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                items.add(value(node.get(i), schema.getElementType(), path + "[" + i + "]"));
            }
            return items;
        }

        private Map<String, Object> map(JsonNode node, Schema schema, String path) {
            if (!node.isObject()) {
                throw mismatch(path, schema, node);
            }
            Map<String, Object> entries = new LinkedHashMap<>();
            node.fields()
                    .forEachRemaining(e -> entries.put(
                            e.getKey(), value(e.getValue(), schema.getValueType(), join(path, e.getKey()))));
            return entries;
        }

        private String text(JsonNode node, Schema schema, String path) {
            if (!node.isTextual()) {
                throw mismatch(path, schema, node);
            }
            return node.textValue();
        }

        private Object logical(JsonNode node, Schema schema, LogicalType logical, String path) {
            String name = logical.getName();
            try {
                return switch (name) {
                    case "decimal" -> decimal(node, schema, (LogicalTypes.Decimal) logical, path);
                    case "date" -> LocalDate.parse(text(node, schema, path));
                    case "time-millis" ->
                        truncated(LocalTime.parse(text(node, schema, path)), ChronoUnit.MILLIS, schema, path);
                    case "time-micros" ->
                        truncated(LocalTime.parse(text(node, schema, path)), ChronoUnit.MICROS, schema, path);
                    case "timestamp-millis" ->
                        truncated(instant(text(node, schema, path)), ChronoUnit.MILLIS, schema, path);
                    case "timestamp-micros" ->
                        truncated(instant(text(node, schema, path)), ChronoUnit.MICROS, schema, path);
                    case "local-timestamp-millis" ->
                        truncated(LocalDateTime.parse(text(node, schema, path)), ChronoUnit.MILLIS, schema, path);
                    case "local-timestamp-micros" ->
                        truncated(LocalDateTime.parse(text(node, schema, path)), ChronoUnit.MICROS, schema, path);
                    case "uuid" -> {
                        String text = text(node, schema, path);
                        UUID.fromString(text); // validates; the field keeps its string form
                        yield text;
                    }
                    default -> throw new JsonRecordException(path, "logical type " + name + " is not supported");
                };
            } catch (JsonRecordException e) {
                throw e;
            } catch (DateTimeParseException | IllegalArgumentException e) {
                // parse errors quote the input, which may be patient data: say what was expected instead
                throw new JsonRecordException(
                        path, "expected " + describe(schema) + " but got a string that is not one");
            }
        }

        private BigDecimal decimal(JsonNode node, Schema schema, LogicalTypes.Decimal decimal, String path) {
            BigDecimal value;
            if (node.isTextual()) {
                try {
                    value = new BigDecimal(node.textValue().trim());
                } catch (NumberFormatException e) {
                    throw new JsonRecordException(
                            path, "expected " + describe(schema) + " but got a string that is not a decimal number");
                }
            } else if (node.isNumber()) {
                value = node.decimalValue();
            } else {
                throw mismatch(path, schema, node);
            }
            BigDecimal scaled;
            try {
                scaled = value.setScale(decimal.getScale(), RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new JsonRecordException(
                        path, "has more than " + decimal.getScale() + " decimal places; round it before sending");
            }
            if (scaled.precision() > decimal.getPrecision()) {
                throw new JsonRecordException(
                        path,
                        "has more than " + decimal.getPrecision() + " significant digits (" + describe(schema) + ")");
            }
            return scaled;
        }

        private static Instant instant(String text) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                return OffsetDateTime.parse(text).toInstant();
            }
        }

        private static <T extends Temporal> T truncated(T value, ChronoUnit unit, Schema schema, String path) {
            Object cut = value;
            if (value instanceof Instant i) {
                cut = i.truncatedTo(unit);
            } else if (value instanceof LocalTime t) {
                cut = t.truncatedTo(unit);
            } else if (value instanceof LocalDateTime t) {
                cut = t.truncatedTo(unit);
            }
            if (!cut.equals(value)) {
                throw new JsonRecordException(
                        path,
                        "is more precise than " + unit.toString().toLowerCase() + " (" + describe(schema)
                                + "); it would be cut off");
            }
            return value;
        }

        private static byte[] base64(JsonNode node, Schema schema, String path) {
            if (!node.isTextual()) {
                throw mismatch(path, schema, node);
            }
            try {
                return Base64.getDecoder().decode(node.textValue());
            } catch (IllegalArgumentException e) {
                throw new JsonRecordException(path, "expected base64 text (" + describe(schema) + ")");
            }
        }

        private static JsonRecordException mismatch(String path, Schema schema, JsonNode node) {
            return new JsonRecordException(path, "expected " + describe(schema) + " but got " + kind(node));
        }
    }

    /** Avro values to JSON; accepts both converted (BigDecimal, LocalDate, ...) and raw (ByteBuffer, int) values. */
    private static final class Writer {

        static JsonNode value(Object value, Schema schema, String path) {
            if (schema.getType() == Schema.Type.UNION) {
                if (value == null) {
                    return NODES.nullNode();
                }
                return value(value, branch(value, schema, path), path);
            }
            if (value == null) {
                if (schema.getType() == Schema.Type.NULL) {
                    return NODES.nullNode();
                }
                throw new JsonRecordException(path, "is null but the schema says " + describe(schema));
            }
            LogicalType logical = schema.getLogicalType();
            if (logical != null) {
                JsonNode converted = logical(value, schema, logical, path);
                if (converted != null) {
                    return converted;
                }
            }
            return switch (schema.getType()) {
                case RECORD -> {
                    IndexedRecord record = cast(value, IndexedRecord.class, schema, path);
                    ObjectNode object = NODES.objectNode();
                    for (Schema.Field field : schema.getFields()) {
                        object.set(
                                field.name(), value(record.get(field.pos()), field.schema(), join(path, field.name())));
                    }
                    yield object;
                }
                case ENUM -> NODES.textNode(value.toString());
                case ARRAY -> {
                    Collection<?> items = cast(value, Collection.class, schema, path);
                    ArrayNode array = NODES.arrayNode();
                    int i = 0;
                    for (Object item : items) {
                        array.add(value(item, schema.getElementType(), path + "[" + i++ + "]"));
                    }
                    yield array;
                }
                case MAP -> {
                    ObjectNode object = NODES.objectNode();
                    cast(value, Map.class, schema, path)
                            .forEach((k, v) -> object.set(
                                    k.toString(), value(v, schema.getValueType(), join(path, k.toString()))));
                    yield object;
                }
                case STRING ->
                    NODES.textNode(cast(value, CharSequence.class, schema, path).toString());
                case INT -> NODES.numberNode(cast(value, Integer.class, schema, path));
                case LONG -> NODES.numberNode(cast(value, Long.class, schema, path));
                case FLOAT -> NODES.numberNode(cast(value, Float.class, schema, path));
                case DOUBLE -> NODES.numberNode(cast(value, Double.class, schema, path));
                case BOOLEAN -> NODES.booleanNode(cast(value, Boolean.class, schema, path));
                case BYTES -> NODES.textNode(Base64.getEncoder().encodeToString(bytes(value, schema, path)));
                case FIXED ->
                    NODES.textNode(Base64.getEncoder()
                            .encodeToString(cast(value, GenericFixed.class, schema, path)
                                    .bytes()));
                case NULL -> throw new JsonRecordException(path, "is not null but the schema says null");
                case UNION -> throw new AssertionError("handled above");
            };
        }

        /** The JSON for a logical-type value, or null to fall back to the underlying type. */
        private static JsonNode logical(Object value, Schema schema, LogicalType logical, String path) {
            switch (logical.getName()) {
                case "decimal" -> {
                    LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) logical;
                    BigDecimal number;
                    if (value instanceof BigDecimal d) {
                        number = d;
                    } else if (value instanceof ByteBuffer b) {
                        number = DECIMALS.fromBytes(b.duplicate(), schema, logical);
                    } else if (value instanceof GenericFixed f) {
                        number = DECIMALS.fromFixed(f, schema, logical);
                    } else {
                        throw mismatch(path, schema, value);
                    }
                    try {
                        return NODES.textNode(number.setScale(decimal.getScale(), RoundingMode.UNNECESSARY)
                                .toPlainString());
                    } catch (ArithmeticException e) {
                        throw new JsonRecordException(path, "has more than " + decimal.getScale() + " decimal places");
                    }
                }
                case "date" -> {
                    if (value instanceof Integer days) {
                        return NODES.textNode(LocalDate.ofEpochDay(days).toString());
                    }
                    return NODES.textNode(
                            cast(value, LocalDate.class, schema, path).toString());
                }
                case "time-millis" -> {
                    if (value instanceof Integer millis) {
                        return NODES.textNode(
                                LocalTime.ofNanoOfDay(millis * 1_000_000L).toString());
                    }
                    return NODES.textNode(
                            cast(value, LocalTime.class, schema, path).toString());
                }
                case "time-micros" -> {
                    if (value instanceof Long micros) {
                        return NODES.textNode(
                                LocalTime.ofNanoOfDay(micros * 1_000L).toString());
                    }
                    return NODES.textNode(
                            cast(value, LocalTime.class, schema, path).toString());
                }
                case "timestamp-millis" -> {
                    if (value instanceof Long millis) {
                        return NODES.textNode(Instant.ofEpochMilli(millis).toString());
                    }
                    return NODES.textNode(
                            cast(value, Instant.class, schema, path).toString());
                }
                case "timestamp-micros" -> {
                    if (value instanceof Long micros) {
                        return NODES.textNode(
                                Instant.EPOCH.plus(micros, ChronoUnit.MICROS).toString());
                    }
                    return NODES.textNode(
                            cast(value, Instant.class, schema, path).toString());
                }
                case "local-timestamp-millis", "local-timestamp-micros" -> {
                    if (value instanceof LocalDateTime t) {
                        return NODES.textNode(t.toString());
                    }
                    throw mismatch(path, schema, value);
                }
                default -> {
                    return null; // uuid and unknown logical types: write the underlying value
                }
            }
        }

        /** The union branch {@code value} belongs to: plain JSON does not say, but logical types need it. */
        private static Schema branch(Object value, Schema union, String path) {
            for (Schema branch : union.getTypes()) {
                if (fits(value, branch)) {
                    return branch;
                }
            }
            throw new JsonRecordException(
                    path, "holds a " + value.getClass().getName() + " that fits none of " + describe(union));
        }

        private static boolean fits(Object value, Schema schema) {
            LogicalType logical = schema.getLogicalType();
            String logicalName = logical == null ? "" : logical.getName();
            return switch (schema.getType()) {
                case RECORD, ENUM, FIXED ->
                    value instanceof GenericContainer c
                                    && c.getSchema().getFullName().equals(schema.getFullName())
                            || value instanceof BigDecimal && logicalName.equals("decimal");
                case ARRAY -> value instanceof Collection;
                case MAP -> value instanceof Map;
                case STRING -> value instanceof CharSequence;
                case BYTES ->
                    value instanceof ByteBuffer || value instanceof BigDecimal && logicalName.equals("decimal");
                case INT ->
                    value instanceof Integer
                            || value instanceof LocalDate
                            || value instanceof LocalTime && logicalName.equals("time-millis");
                case LONG ->
                    value instanceof Long
                            || value instanceof Instant
                            || value instanceof LocalDateTime
                            || value instanceof LocalTime && logicalName.equals("time-micros");
                case FLOAT -> value instanceof Float;
                case DOUBLE -> value instanceof Double;
                case BOOLEAN -> value instanceof Boolean;
                case NULL -> false;
                case UNION -> false;
            };
        }

        private static byte[] bytes(Object value, Schema schema, String path) {
            ByteBuffer buffer = cast(value, ByteBuffer.class, schema, path).duplicate();
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        }

        private static <T> T cast(Object value, Class<T> type, Schema schema, String path) {
            if (!type.isInstance(value)) {
                throw mismatch(path, schema, value);
            }
            return type.cast(value);
        }

        private static JsonRecordException mismatch(String path, Schema schema, Object value) {
            return new JsonRecordException(
                    path, "holds a " + value.getClass().getName() + " but the schema says " + describe(schema));
        }
    }

    private static String join(String path, String name) {
        return path + "." + name;
    }

    /** Short human description of what a schema expects, used in error messages. */
    static String describe(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.Decimal d) {
            return "a decimal string with at most " + d.getScale() + " decimal places, like \""
                    + BigDecimal.valueOf(12_500, d.getScale()).toPlainString() + "\"";
        }
        if (logical != null) {
            return switch (logical.getName()) {
                case "date" -> "an ISO-8601 date like \"2026-03-14\"";
                case "timestamp-millis", "timestamp-micros" -> "an ISO-8601 instant like \"2026-03-14T15:42:07.123Z\"";
                case "local-timestamp-millis", "local-timestamp-micros" ->
                    "an ISO-8601 local date-time like \"2026-03-14T15:42:07\"";
                case "time-millis", "time-micros" -> "an ISO-8601 time like \"15:42:07\"";
                case "uuid" -> "a UUID string";
                default -> logical.getName();
            };
        }
        return switch (schema.getType()) {
            case RECORD -> "a " + schema.getName() + " object";
            case ENUM -> "one of " + schema.getEnumSymbols();
            case ARRAY -> "an array of " + describe(schema.getElementType());
            case MAP -> "an object of " + describe(schema.getValueType());
            case UNION -> schema.getTypes().stream().map(JsonRecords::describe).collect(Collectors.joining(" or "));
            case STRING -> "a string";
            case INT -> "a 32-bit integer";
            case LONG -> "a 64-bit integer";
            case FLOAT, DOUBLE -> "a number";
            case BOOLEAN -> "true or false";
            case BYTES -> "base64 text";
            case FIXED -> schema.getFixedSize() + " bytes as base64 text";
            case NULL -> "null";
        };
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case STRING -> "a string";
            case NUMBER -> node.isIntegralNumber() ? "an integer" : "a fractional number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            case BINARY -> "binary data";
            case MISSING -> "nothing";
        };
    }
}
