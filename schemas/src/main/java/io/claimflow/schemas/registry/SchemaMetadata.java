package io.claimflow.schemas.registry;

import java.util.Objects;
import org.apache.avro.Schema;

/**
 * One registered version of a subject: the subject, its version number, the global schema id and the schema.
 */
public record SchemaMetadata(String subject, int version, int id, Schema schema) {

    public SchemaMetadata {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
