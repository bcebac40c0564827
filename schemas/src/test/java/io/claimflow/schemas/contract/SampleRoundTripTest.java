package io.claimflow.schemas.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.PaymentPosted;
import io.claimflow.events.RecodeRequested;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.json.JsonRecords;
import io.claimflow.schemas.json.Samples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each sample in schemas/samples is a complete, valid event: JSON to record to Avro binary and back is lossless. */
class SampleRoundTripTest {

    static Stream<Class<? extends SpecificRecordBase>> events() {
        return Topics.recordClasses().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void sampleRoundTripsThroughAvroBinaryUnchanged(Class<? extends SpecificRecordBase> type) throws IOException {
        Path file = Contracts.SAMPLES.resolve(type.getSimpleName() + ".json");
        String sample = Files.readString(file);

        SpecificRecordBase record = JsonRecords.read(sample, type);
        SpecificRecordBase decoded = decode(encode(record), type);
        JsonNode written = JsonRecords.parse(JsonRecords.write(decoded));

        assertThat(decoded).isEqualTo(record);
        assertThat(decoded.hashCode()).isEqualTo(record.hashCode());
        // the sample lists every field, nulls included, with decimals at full scale, as the writer does
        assertThat(written).isEqualTo(JsonRecords.parse(sample));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void sampleIsOnTheClasspathIdenticalToTheFile(Class<? extends SpecificRecordBase> type) throws IOException {
        String file = Files.readString(Contracts.SAMPLES.resolve(type.getSimpleName() + ".json"));

        assertThat(Samples.json(type)).isEqualTo(file);
        assertThat(Samples.load(type)).isEqualTo(JsonRecords.read(file, type));
    }

    @Test
    void samplesTellOneConsistentStory() {
        EncounterDocumented documented = Samples.load(EncounterDocumented.class);
        EncounterCoded coded = Samples.load(EncounterCoded.class);
        ClaimSubmitted submitted = Samples.load(ClaimSubmitted.class);
        ClaimDenied denied = Samples.load(ClaimDenied.class);
        RecodeRequested recode = Samples.load(RecodeRequested.class);
        PaymentPosted paid = Samples.load(PaymentPosted.class);

        String encounter = documented.getEncounterId();
        assertThat(Stream.of(
                        coded.getEncounterId(),
                        submitted.getEncounterId(),
                        denied.getEncounterId(),
                        recode.getEncounterId(),
                        paid.getEncounterId()))
                .containsOnly(encounter);
        assertThat(documented.getCausationId()).isNull();
        assertThat(coded.getCausationId()).isEqualTo(documented.getEventId());
        assertThat(submitted.getCausationId()).isEqualTo(coded.getEventId());
        assertThat(denied.getCausationId()).isEqualTo(submitted.getEventId());
        assertThat(paid.getCausationId()).isEqualTo(submitted.getEventId());
        assertThat(recode.getCausationId()).isEqualTo(denied.getEventId());
        assertThat(Stream.of(denied.getClaimId(), recode.getClaimId(), paid.getClaimId()))
                .containsOnly(submitted.getClaimId());
        assertThat(submitted.getCodingVersion()).isEqualTo(coded.getCodingVersion());
        assertThat(recode.getCodingVersion()).isEqualTo(submitted.getCodingVersion());
    }

    @Test
    void sampleMoneyBalances() {
        ClaimSubmitted submitted = Samples.load(ClaimSubmitted.class);
        PaymentPosted paid = Samples.load(PaymentPosted.class);

        assertThat(submitted.getLines().stream().map(l -> l.getChargeAmount()).reduce(BigDecimal::add))
                .contains(submitted.getTotalCharge());
        // 835 balancing: charge = paid + all adjustments, per line and per claim
        BigDecimal adjustments =
                paid.getClaimAdjustments().stream().map(a -> a.getAmount()).reduce(BigDecimal.ZERO, BigDecimal::add);
        for (var line : paid.getLines()) {
            BigDecimal lineAdjustments =
                    line.getAdjustments().stream().map(a -> a.getAmount()).reduce(BigDecimal.ZERO, BigDecimal::add);
            assertThat(line.getPaidAmount().add(lineAdjustments)).isEqualTo(line.getChargeAmount());
            adjustments = adjustments.add(lineAdjustments);
        }
        assertThat(paid.getPaidAmount().add(adjustments)).isEqualTo(paid.getChargeAmount());
        var pr = paid.getPatientResponsibility();
        assertThat(pr.getDeductible()
                        .add(pr.getCoinsurance())
                        .add(pr.getCopay())
                        .add(pr.getOther()))
                .isEqualTo(pr.getTotal());
        assertThat(paid.getChargeAmount()).isEqualTo(submitted.getTotalCharge());
    }

    private static byte[] encode(SpecificRecordBase record) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecordBase>(record.getSchema(), record.getSpecificData())
                .write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static <T extends SpecificRecordBase> T decode(byte[] bytes, Class<T> type) throws IOException {
        SpecificData model = new ListArrays(type.getClassLoader());
        SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
        SpecificDatumReader<T> reader = new SpecificDatumReader<>(model.getSchema(type), model.getSchema(type), model);
        return reader.read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    /**
     * Reads arrays as ArrayLists, as the serde does: Avro's GenericData.Array compares through GenericData.get(),
     * which knows no logical types and throws on a nullable date or decimal inside a list of records.
     */
    private static final class ListArrays extends SpecificData {

        ListArrays(ClassLoader loader) {
            super(loader);
        }

        @Override
        public Object newArray(Object old, int size, Schema schema) {
            return new ArrayList<>(size);
        }
    }
}
