package io.claimflow.schemas.contract;

import io.claimflow.schemas.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/** Shared helpers of the contract tests: released schema files, compatibility checks, schema walking. */
final class Contracts {

    /** Released schemas live in the main resources so they ship with the jar; tests read them from the source tree. */
    static final Path RELEASED = Path.of("src/main/resources/released");

    static final Path SAMPLES = Path.of("samples");

    private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

    private Contracts() {}

    /** One released version of an event's schema. */
    record Released(String event, int version, Path file, Schema schema) {
        @Override
        public String toString() {
            return event + " v" + version;
        }
    }

    /** Every released version of every event, oldest first per event. */
    static List<Released> releasedVersions() {
        List<Released> all = new ArrayList<>();
        for (String topic : Topics.all()) {
            all.addAll(releasedVersions(Topics.schemaOf(topic).getName()));
        }
        return all;
    }

    static List<Released> releasedVersions(String event) {
        Path dir = RELEASED.resolve(event);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> {
                        Matcher m = VERSION_FILE.matcher(file.getFileName().toString());
                        if (!m.matches()) {
                            throw new IllegalStateException("Unexpected file in " + dir + ": " + file.getFileName()
                                    + " (released schemas are named v<n>.avsc)");
                        }
                        return new Released(event, Integer.parseInt(m.group(1)), file, parse(file));
                    })
                    .sorted(Comparator.comparingInt(Released::version))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Schema parse(Path file) {
        try {
            // a fresh parser per file: each released schema must stand alone
            return new Schema.Parser().parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Why {@code reader} cannot read data written with {@code writer}; empty when it can. BACKWARD compatibility of
     * a new schema means: new schema as reader, every released schema as writer.
     *
     * <p>Avro's own check compares only the underlying types, so it passes a decimal whose scale changed (the same
     * bytes would then mean another amount) or a date that became a timestamp. This adds those: a field's logical
     * type must stay the same, a decimal's scale must not change and its precision must not shrink.
     */
    static List<String> incompatibilities(Schema reader, Schema writer) {
        List<String> problems = new ArrayList<>();
        SchemaCompatibility.SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            for (Incompatibility i : result.getResult().getIncompatibilities()) {
                problems.add(i.getType() + " at " + i.getLocation() + ": " + i.getMessage());
            }
        }
        logicalTypeChanges(reader, writer, reader.getName(), new HashSet<>(), problems);
        return problems;
    }

    private static void logicalTypeChanges(
            Schema reader, Schema writer, String path, Set<String> seen, List<String> problems) {
        if (reader.getType() == Schema.Type.UNION || writer.getType() == Schema.Type.UNION) {
            List<Schema> readerBranches = branches(reader);
            for (Schema w : branches(writer)) {
                readerBranches.stream()
                        .filter(r -> r.getType() == w.getType()
                                && (!isNamed(r) || r.getFullName().equals(w.getFullName())))
                        .findFirst()
                        .ifPresent(r -> logicalTypeChanges(r, w, path, seen, problems));
            }
            return;
        }
        if (reader.getType() != writer.getType()) {
            return; // Avro's check reports type changes
        }
        switch (reader.getType()) {
            case RECORD -> {
                if (!seen.add(reader.getFullName() + "<-" + writer.getFullName())) {
                    return;
                }
                for (Schema.Field r : reader.getFields()) {
                    Schema.Field w = writer.getField(r.name());
                    for (String alias : r.aliases()) {
                        w = w != null ? w : writer.getField(alias);
                    }
                    if (w != null) {
                        logicalTypeChanges(r.schema(), w.schema(), path + "." + r.name(), seen, problems);
                    }
                }
            }
            case ARRAY ->
                logicalTypeChanges(reader.getElementType(), writer.getElementType(), path + "[]", seen, problems);
            case MAP -> logicalTypeChanges(reader.getValueType(), writer.getValueType(), path + "{}", seen, problems);
            default -> {
                LogicalType r = reader.getLogicalType();
                LogicalType w = writer.getLogicalType();
                String rName = r == null ? "none" : r.getName();
                String wName = w == null ? "none" : w.getName();
                if (!rName.equals(wName)) {
                    problems.add("LOGICAL_TYPE_CHANGED at " + path + ": reader " + rName + ", writer " + wName);
                } else if (r instanceof LogicalTypes.Decimal rd
                        && w instanceof LogicalTypes.Decimal wd
                        && (rd.getScale() != wd.getScale() || rd.getPrecision() < wd.getPrecision())) {
                    problems.add("LOGICAL_TYPE_CHANGED at " + path + ": reader decimal(" + rd.getPrecision() + ","
                            + rd.getScale() + "), writer decimal(" + wd.getPrecision() + "," + wd.getScale() + ")");
                }
            }
        }
    }

    private static List<Schema> branches(Schema schema) {
        return schema.getType() == Schema.Type.UNION ? schema.getTypes() : List.of(schema);
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    /** Every named type (records, enums, fixed) reachable from {@code root}, each once, root first. */
    static List<Schema> namedTypes(Schema root) {
        Map<Schema, Boolean> seen = new IdentityHashMap<>();
        List<Schema> named = new ArrayList<>();
        collect(root, seen, named);
        return named;
    }

    private static void collect(Schema schema, Map<Schema, Boolean> seen, List<Schema> named) {
        if (seen.put(schema, Boolean.TRUE) != null) {
            return;
        }
        switch (schema.getType()) {
            case RECORD -> {
                named.add(schema);
                schema.getFields().forEach(f -> collect(f.schema(), seen, named));
            }
            case ENUM, FIXED -> named.add(schema);
            case ARRAY -> collect(schema.getElementType(), seen, named);
            case MAP -> collect(schema.getValueType(), seen, named);
            case UNION -> schema.getTypes().forEach(t -> collect(t, seen, named));
            default -> {}
        }
    }
}
