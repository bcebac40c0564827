package io.claimflow.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.claimflow.events.AdministeredItemKind;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.PaymentPosted;
import io.claimflow.events.UnitOfMeasure;
import io.claimflow.schemas.json.JsonRecordException;
import io.claimflow.schemas.json.JsonRecords;
import io.claimflow.schemas.json.Samples;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The plain JSON converter EHR integrators and tests use: schema-guided, strict, and clear about where input is wrong. */
class JsonRecordsTest {

    @Test
    void readsLogicalTypesIntoJavaTypes() {
        EncounterDocumented event = Samples.load(EncounterDocumented.class);

        assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2026-03-10T16:05:12Z"));
        assertThat(event.getDateOfService()).isEqualTo(LocalDate.of(2026, 3, 10));
        assertThat(event.getPatient().getBirthDate()).isEqualTo(LocalDate.of(1961, 7, 22));
        assertThat(event.getCausationId()).isNull();
        assertThat(event.getProviders().getReferring()).isNull();
        PaymentPosted paid = Samples.load(PaymentPosted.class);
        assertThat(paid.getPaidAmount()).isEqualTo(new BigDecimal("103.74"));
        assertThat(paid.getLines().get(1).getAllowedAmount()).isNull();
    }

    @Test
    void nestedRecordsArraysDrugsAndThreeDecimalQuantitiesRoundTrip() {
        ObjectNode json = sample(EncounterDocumented.class);
        ((ArrayNode) json.get("administeredItems")).add(JsonRecords.parse("""
                {"kind": "VACCINE",
                 "code": {"system": "HCPCS", "code": "90686", "text": "Influenza vaccine, quadrivalent"},
                 "ndc": "49281042350", "quantity": "0.5", "unit": "MILLILITER"}"""));

        EncounterDocumented event = JsonRecords.read(json, EncounterDocumented.class);

        var item = event.getAdministeredItems().get(0);
        assertThat(item.getKind()).isEqualTo(AdministeredItemKind.VACCINE);
        assertThat(item.getUnit()).isEqualTo(UnitOfMeasure.MILLILITER);
        assertThat(item.getQuantity()).isEqualTo(new BigDecimal("0.500"));
        JsonNode written =
                JsonRecords.toJsonNode(event).get("administeredItems").get(0);
        assertThat(written.get("quantity").asText()).isEqualTo("0.500");
        assertThat(JsonRecords.read(JsonRecords.write(event), EncounterDocumented.class))
                .isEqualTo(event);
    }

    @Test
    void decimalsArePaddedToScaleButNeverRounded() {
        ObjectNode json = sample(ClaimSubmitted.class);
        json.put("totalCharge", "210");
        assertThat(JsonRecords.read(json, ClaimSubmitted.class).getTotalCharge())
                .isEqualTo(new BigDecimal("210.00"));

        json.put("totalCharge", new BigDecimal("210.5"));
        ClaimSubmitted fromNumber = JsonRecords.read(json, ClaimSubmitted.class);
        assertThat(fromNumber.getTotalCharge()).isEqualTo(new BigDecimal("210.50"));
        assertThat(JsonRecords.toJsonNode(fromNumber).get("totalCharge").asText())
                .isEqualTo("210.50");

        json.put("totalCharge", "210.005");
        assertThatThrownBy(() -> JsonRecords.read(json, ClaimSubmitted.class))
                .isInstanceOf(JsonRecordException.class)
                .hasMessageContaining("ClaimSubmitted.totalCharge")
                .hasMessageContaining("more than 2 decimal places");

        json.put("totalCharge", "12345678901.00");
        assertThatThrownBy(() -> JsonRecords.read(json, ClaimSubmitted.class))
                .hasMessageContaining("more than 12 significant digits");
    }

    @Test
    void wrongTypeNamesTheFieldPathInsideArrays() {
        ObjectNode json = sample(EncounterCoded.class);
        ((ObjectNode) json.get("serviceLines").get(1)).put("units", "one");

        assertThatThrownBy(() -> JsonRecords.read(json, EncounterCoded.class))
                .isInstanceOf(JsonRecordException.class)
                .hasMessage("EncounterCoded.serviceLines[1].units: expected a 32-bit integer but got a string")
                .extracting(e -> ((JsonRecordException) e).path())
                .isEqualTo("EncounterCoded.serviceLines[1].units");
    }

    @Test
    void badDateIsRejectedWithoutEchoingPatientData() {
        ObjectNode json = sample(EncounterDocumented.class);
        ((ObjectNode) json.get("patient")).put("birthDate", "07/22/1961");

        assertThatThrownBy(() -> JsonRecords.read(json, EncounterDocumented.class))
                .hasMessageContaining("EncounterDocumented.patient.birthDate")
                .hasMessageContaining("ISO-8601 date")
                .message()
                .doesNotContain("1961");
    }

    @Test
    void missingRequiredFieldIsAnErrorButMissingOptionalFieldsTakeDefaults() {
        ObjectNode json = sample(EncounterDocumented.class);
        ObjectNode address = (ObjectNode) json.get("patient").get("address");
        address.remove("city");
        assertThatThrownBy(() -> JsonRecords.read(json, EncounterDocumented.class))
                .hasMessageStartingWith("EncounterDocumented.patient.address.city: missing");

        address.put("city", "Columbus");
        address.remove("country");
        address.remove("line2");
        json.remove("clinicalNote");
        EncounterDocumented event = JsonRecords.read(json, EncounterDocumented.class);
        assertThat(event.getPatient().getAddress().getCountry()).isEqualTo("US");
        assertThat(event.getPatient().getAddress().getLine2()).isNull();
        assertThat(event.getClinicalNote()).isNull();
    }

    @Test
    void nullInARequiredFieldIsAnError() {
        ObjectNode json = sample(PaymentPosted.class);
        json.putNull("traceNumber");

        assertThatThrownBy(() -> JsonRecords.read(json, PaymentPosted.class))
                .hasMessage("PaymentPosted.traceNumber: must not be null (a string)");
    }

    @Test
    void unknownFieldAndUnknownEnumSymbolAreErrors() {
        ObjectNode json = sample(PaymentPosted.class);
        json.put("checkNumber", "123");
        assertThatThrownBy(() -> JsonRecords.read(json, PaymentPosted.class))
                .hasMessageStartingWith("PaymentPosted.checkNumber: unknown field");

        json.remove("checkNumber");
        ((ObjectNode) json.get("lines").get(0).get("adjustments").get(0)).put("groupCode", "XX");
        assertThatThrownBy(() -> JsonRecords.read(json, PaymentPosted.class))
                .hasMessageContaining("PaymentPosted.lines[0].adjustments[0].groupCode")
                .hasMessageContaining("[CO, PR, OA, PI, CR]");
    }

    @Test
    void timestampsAcceptOffsetsButNotMoreThanMillisecondPrecision() {
        ObjectNode json = sample(EncounterDocumented.class);
        json.put("occurredAt", "2026-03-10T11:05:12.250-05:00");
        assertThat(JsonRecords.read(json, EncounterDocumented.class).getOccurredAt())
                .isEqualTo(Instant.parse("2026-03-10T16:05:12.250Z"));

        json.put("occurredAt", "2026-03-10T16:05:12.250123Z");
        assertThatThrownBy(() -> JsonRecords.read(json, EncounterDocumented.class))
                .hasMessageContaining("EncounterDocumented.occurredAt")
                .hasMessageContaining("more precise than millis");
    }

    @Test
    void invalidJsonIsReportedAsSuch() {
        assertThatThrownBy(() -> JsonRecords.read("{\"lastName\": Whitfield}", EncounterDocumented.class))
                .isInstanceOf(JsonRecordException.class)
                .hasMessageStartingWith("EncounterDocumented: not valid JSON at line 1, column")
                .message()
                .doesNotContain("Whitfield");
    }

    @Test
    void readsAndWritesGenericRecordsAgainstABareSchema() {
        String json = Samples.json(PaymentPosted.class);

        GenericRecord record = JsonRecords.read(json, PaymentPosted.getClassSchema());

        assertThat(record).isInstanceOf(GenericData.Record.class);
        assertThat(record.get("paidAmount")).isEqualTo(new BigDecimal("103.74"));
        assertThat(JsonRecords.toJsonNode(record)).isEqualTo(JsonRecords.parse(json));
    }

    private static ObjectNode sample(Class<? extends org.apache.avro.specific.SpecificRecord> type) {
        return (ObjectNode) JsonRecords.parse(Samples.json(type));
    }
}
