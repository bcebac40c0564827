package io.claimflow.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.PaymentPosted;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;

/**
 * Proves the compatibility gate of {@link SchemaCompatibilityTest} has teeth: edited copies of real event schemas,
 * read as the new schema against the released one, are rejected when they break old data and accepted when they
 * evolve it safely.
 */
class BreakingChangeDetectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void addingARequiredTopLevelFieldIsCaught() {
        Schema released = EncounterDocumented.getClassSchema();
        Schema changed = edit(released, root -> fields(root).add(field("visitReason", "\"string\"", null)));

        assertThat(Contracts.incompatibilities(changed, released))
                .singleElement()
                .asString()
                .contains("READER_FIELD_MISSING_DEFAULT")
                .contains("visitReason");
    }

    @Test
    void addingARequiredFieldToASharedNestedRecordIsCaught() {
        Schema released = ClaimSubmitted.getClassSchema();
        // Address is shared: defined once, used by patient, providers and payer
        Schema changed =
                edit(released, root -> fields(recordNamed(root, "Address")).add(field("county", "\"string\"", null)));

        // reported where Address is first defined, and at each union holding it
        assertThat(Contracts.incompatibilities(changed, released))
                .anySatisfy(p ->
                        assertThat(p).contains("READER_FIELD_MISSING_DEFAULT").contains("county"));
    }

    @Test
    void changingAFieldTypeIsCaught() {
        Schema released = PaymentPosted.getClassSchema();
        Schema changed = edit(released, root -> fieldNamed(root, "traceNumber").put("type", "long"));

        int position = released.getField("traceNumber").pos();
        assertThat(Contracts.incompatibilities(changed, released))
                .singleElement()
                .asString()
                .contains("TYPE_MISMATCH at /fields/" + position + "/type");
    }

    @Test
    void renamingAFieldWithoutAliasIsCaught() {
        Schema released = PaymentPosted.getClassSchema();
        Schema changed = edit(released, root -> fieldNamed(root, "paidAmount").put("name", "payerPaidAmount"));

        assertThat(Contracts.incompatibilities(changed, released))
                .singleElement()
                .asString()
                .contains("payerPaidAmount");
    }

    @Test
    void changingDecimalScaleIsCaughtThoughAvroAloneMissesIt() {
        Schema released = PaymentPosted.getClassSchema();
        Schema changed = edit(
                released, root -> ((ObjectNode) fieldNamed(root, "paidAmount").get("type")).put("scale", 4));

        // the same bytes would read as 1.0374 instead of 103.74: Avro compares only the underlying bytes type
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(changed, released)
                        .getType())
                .isEqualTo(SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE);
        assertThat(Contracts.incompatibilities(changed, released))
                .singleElement()
                .asString()
                .isEqualTo(
                        "LOGICAL_TYPE_CHANGED at PaymentPosted.paidAmount: reader decimal(12,4), writer decimal(12,2)");
    }

    @Test
    void changingADateInsideAnArrayIntoPlainIntIsCaught() {
        Schema released = PaymentPosted.getClassSchema();
        Schema changed = edit(released, root -> {
            ObjectNode dateBranch = (ObjectNode) fieldNamed(recordNamed(root, "LineAdjudication"), "dateOfService")
                    .get("type")
                    .get(1);
            dateBranch.remove("logicalType");
        });

        assertThat(Contracts.incompatibilities(changed, released))
                .singleElement()
                .asString()
                .contains("PaymentPosted.lines[].dateOfService");
    }

    @Test
    void removingASymbolFromAnEnumWithoutDefaultIsCaught() {
        Schema released = ClaimSubmitted.getClassSchema();
        Schema changed = edit(released, root -> {
            ArrayNode symbols =
                    (ArrayNode) ((ObjectNode) fieldNamed(root, "frequency").get("type")).get("symbols");
            symbols.remove(2); // VOID
        });

        assertThat(Contracts.incompatibilities(changed, released))
                .singleElement()
                .asString()
                .contains("MISSING_ENUM_SYMBOLS")
                .contains("VOID");
    }

    @Test
    void addingAnOptionalFieldWithDefaultAndAnEnumSymbolPasses() {
        Schema released = EncounterDocumented.getClassSchema();
        Schema changed = edit(released, root -> {
            fields(root).add(field("visitReason", "[\"null\", \"string\"]", "null"));
            ((ArrayNode) recordNamed(root, "EncounterClass").get("symbols")).add("OBSERVATION");
        });

        assertThat(changed).isNotEqualTo(released);
        assertThat(Contracts.incompatibilities(changed, released)).isEmpty();
    }

    /** A copy of {@code schema} edited as JSON. */
    private static Schema edit(Schema schema, Consumer<ObjectNode> change) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(schema.toString());
            change.accept(root);
            return new Schema.Parser().parse(JSON.writeValueAsString(root));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ArrayNode fields(ObjectNode record) {
        return (ArrayNode) record.get("fields");
    }

    private static ObjectNode field(String name, String typeJson, String defaultJson) {
        try {
            ObjectNode field = JSON.createObjectNode();
            field.put("name", name);
            field.set("type", JSON.readTree(typeJson));
            field.put("doc", "test field");
            if (defaultJson != null) {
                field.set("default", JSON.readTree(defaultJson));
            }
            return field;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ObjectNode fieldNamed(ObjectNode record, String name) {
        for (JsonNode field : fields(record)) {
            if (field.get("name").asText().equals(name)) {
                return (ObjectNode) field;
            }
        }
        throw new AssertionError("no field " + name);
    }

    /** The (single) definition of the named type {@code name} anywhere inside {@code root}. */
    private static ObjectNode recordNamed(ObjectNode root, String name) {
        ObjectNode found = findDefinition(root, name);
        if (found == null) {
            throw new AssertionError("no definition of " + name);
        }
        return found;
    }

    private static ObjectNode findDefinition(JsonNode node, String name) {
        boolean definition = node.isObject()
                && node.path("name").asText().equals(name)
                && (node.has("fields") || node.has("symbols"));
        if (definition) {
            return (ObjectNode) node;
        }
        for (JsonNode child : node) {
            ObjectNode found = child.isContainerNode() ? findDefinition(child, name) : null;
            if (found != null) {
                return found;
            }
        }
        return null;
    }
}
