package io.claimflow.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.schemas.Topics;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The schemas are the contract people read: every record, enum and field, nested ones included, says what it is. */
class SchemaDocumentationTest {

    static Stream<String> topics() {
        return Topics.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void everyNamedTypeAndFieldHasADoc(String topic) {
        List<String> undocumented = new ArrayList<>();
        for (Schema type : Contracts.namedTypes(Topics.schemaOf(topic))) {
            if (blank(type.getDoc())) {
                undocumented.add(type.getFullName());
            }
            if (type.getType() == Schema.Type.RECORD) {
                for (Schema.Field field : type.getFields()) {
                    if (blank(field.doc())) {
                        undocumented.add(type.getName() + "." + field.name());
                    }
                }
            }
        }
        assertThat(undocumented)
                .as("types and fields without doc reachable from %s", topic)
                .isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void everyEventCarriesTheCommonEnvelope(String topic) {
        Schema schema = Topics.schemaOf(topic);

        assertThat(schema.getNamespace()).isEqualTo("io.claimflow.events");
        assertThat(schema.getFields().stream().limit(5).map(Schema.Field::name))
                .containsExactly("eventId", "occurredAt", "encounterId", "causationId", "tenantId");
        assertThat(schema.getField("occurredAt").schema().getLogicalType().getName())
                .isEqualTo("timestamp-millis");
        Schema causation = schema.getField("causationId").schema();
        if (topic.equals(Topics.ENCOUNTER_DOCUMENTED)) {
            // the EHR originates it: nothing caused it inside ClaimFlow
            assertThat(causation.isNullable()).isTrue();
            assertThat(schema.getField("causationId").defaultVal()).isEqualTo(JsonProperties.NULL_VALUE);
        } else {
            assertThat(causation.getType()).isEqualTo(Schema.Type.STRING);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void moneyIsDecimalTwelveTwoAndNeverFloatingPoint(String topic) {
        List<String> problems = new ArrayList<>();
        for (Schema type : Contracts.namedTypes(Topics.schemaOf(topic))) {
            if (type.getType() != Schema.Type.RECORD) {
                continue;
            }
            for (Schema.Field field : type.getFields()) {
                Schema value = nonNull(field.schema());
                String where = type.getName() + "." + field.name();
                if (value.getType() == Schema.Type.FLOAT || value.getType() == Schema.Type.DOUBLE) {
                    problems.add(where + " is floating point");
                }
                boolean money = field.name().equals("amount")
                        || field.name().endsWith("Amount")
                        || field.name().endsWith("Charge")
                        || field.name().endsWith("Adjustment")
                        || type.getName().equals("PatientResponsibility");
                if (money && !isMoney(value)) {
                    problems.add(where + " is money but not decimal(12,2)");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    private static boolean isMoney(Schema schema) {
        return schema.getType() == Schema.Type.BYTES
                && "decimal".equals(schema.getProp("logicalType"))
                && Integer.valueOf(12).equals(schema.getObjectProp("precision"))
                && Integer.valueOf(2).equals(schema.getObjectProp("scale"));
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream()
                .filter(t -> t.getType() != Schema.Type.NULL)
                .findFirst()
                .orElseThrow();
    }

    private static boolean blank(String doc) {
        return doc == null || doc.isBlank();
    }

    @Test
    void walkerFindsNestedTypes() {
        // guards the doc check itself: it must see types defined in the shared common files and deep inside arrays
        List<String> names = Contracts.namedTypes(Topics.schemaOf(Topics.PAYMENT_POSTED)).stream()
                .map(Schema::getName)
                .toList();
        assertThat(names)
                .contains(
                        "PaymentPosted",
                        "Payer",
                        "Address",
                        "PatientResponsibility",
                        "LineAdjudication",
                        "Adjustment",
                        "AdjustmentGroupCode",
                        "CodeSystem",
                        "ClaimStatus");
    }
}
