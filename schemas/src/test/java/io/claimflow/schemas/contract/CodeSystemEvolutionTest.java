package io.claimflow.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.events.CodeSystem;
import io.claimflow.events.DocumentedCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

/**
 * CVX and RXNORM (issue 17) are new CodeSystem symbols: a reader still on EncounterDocumented v2 reads an
 * administered item coded in them as NONE (the enum's default), i.e. as uncoded text, instead of failing.
 */
class CodeSystemEvolutionTest {

    @Test
    void aReaderOnTheReleasedV2ReadsCvxAsNone() throws IOException {
        DocumentedCode vaccine = DocumentedCode.newBuilder()
                .setSystem(CodeSystem.CVX)
                .setCode("140")
                .setText("Influenza, seasonal, injectable, preservative free")
                .build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new SpecificDatumWriter<>(DocumentedCode.class).write(vaccine, encoder);
        encoder.flush();
        Schema v2 = Contracts.parse(Contracts.RELEASED.resolve("EncounterDocumented/v2.avsc"));
        Schema oldCode = documentedCode(v2);

        GenericRecord read = new GenericDatumReader<GenericRecord>(DocumentedCode.getClassSchema(), oldCode)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));

        assertThat(oldCode.getField("system").schema().getEnumSymbols()).doesNotContain("CVX");
        assertThat(read.get("system").toString()).isEqualTo("NONE");
        assertThat(read.get("code").toString()).isEqualTo("140");
    }

    private static Schema documentedCode(Schema encounterDocumented) {
        Schema diagnoses = encounterDocumented.getField("diagnoses").schema();
        return diagnoses.getElementType();
    }
}
