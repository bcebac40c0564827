package io.claimflow.registry;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;

/** Parsing and compatibility checking of Avro schemas, the only schema type this registry supports. */
final class AvroSchemas {

    static final String TYPE = "AVRO";

    private AvroSchemas() {}

    /**
     * Parses schema text; a schema that does not parse (or whose defaults do not match their types) is a 42201.
     * A fresh parser per call, because a parser remembers the named types it has seen.
     */
    static Schema parse(String text) {
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidSchema("Empty schema");
        }
        try {
            return new Schema.Parser().setValidateDefaults(true).parse(text);
        } catch (RuntimeException e) {
            // SchemaParseException, AvroTypeException and friends: all mean "not a valid Avro schema"
            throw RegistryException.invalidSchema("Invalid schema " + text + ", details: " + e.getMessage());
        }
    }

    /**
     * The form schemas are compared and stored in: Avro's own JSON rendering, which fixes key order and whitespace
     * and resolves names to full names but keeps docs, defaults, aliases and logical types (as Confluent's
     * canonical string does), so two texts that differ only in layout are one schema with one id.
     */
    static String canonical(Schema schema) {
        return schema.toString();
    }

    /** An earlier version to check against: its number goes into the messages. */
    record Earlier(int version, Schema schema) {}

    /**
     * Checks {@code candidate} against the earlier live versions (oldest first) as {@code level} demands and
     * returns one message per incompatibility, empty when compatible.
     */
    static List<String> incompatibilities(CompatibilityLevel level, Schema candidate, List<Earlier> earlier) {
        List<String> messages = new ArrayList<>();
        if (earlier.isEmpty() || (!level.backward && !level.forward)) {
            return messages;
        }
        List<Earlier> against = level.transitive ? earlier : List.of(earlier.get(earlier.size() - 1));
        for (Earlier old : against) {
            if (level.backward) {
                describe(
                        messages,
                        SchemaCompatibility.checkReaderWriterCompatibility(candidate, old.schema()),
                        "the new schema cannot read data written with version " + old.version());
            }
            if (level.forward) {
                describe(
                        messages,
                        SchemaCompatibility.checkReaderWriterCompatibility(old.schema(), candidate),
                        "version " + old.version() + " cannot read data written with the new schema");
            }
        }
        return messages;
    }

    private static void describe(
            List<String> messages, SchemaCompatibility.SchemaPairCompatibility result, String direction) {
        for (Incompatibility incompatibility : result.getResult().getIncompatibilities()) {
            // Confluent's message shape: errorType, description, additionalInfo (Avro's own detail)
            messages.add("{errorType:'" + incompatibility.getType() + "', description:'At path '"
                    + incompatibility.getLocation() + "' " + direction + "', additionalInfo:'"
                    + incompatibility.getMessage() + "'}");
        }
    }
}
