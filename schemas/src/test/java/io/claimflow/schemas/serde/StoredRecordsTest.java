package io.claimflow.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.EncounterCoded;
import io.claimflow.schemas.Topics;
import io.claimflow.schemas.json.JsonRecords;
import io.claimflow.schemas.json.Samples;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Records kept in a column: lossless, readable across released schema versions, and rows stored as JSON still read. */
class StoredRecordsTest {

    static Stream<Class<? extends SpecificRecordBase>> events() {
        return Topics.recordClasses().values().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void everySampleReadsBackEqual(Class<? extends SpecificRecordBase> type) {
        SpecificRecordBase sample = Samples.load(type);

        byte[] stored = StoredRecords.write(sample);

        assertThat(StoredRecords.isSingleObject(stored)).isTrue();
        assertThat(StoredRecords.read(stored, type)).isEqualTo(sample);
    }

    @Test
    void moneyKeepsItsScaleAndDatesStayDates() {
        ClaimSubmitted claim = Samples.load(ClaimSubmitted.class);
        claim.setTotalCharge(new BigDecimal("210.00"));

        ClaimSubmitted back = StoredRecords.read(StoredRecords.write(claim), ClaimSubmitted.class);

        assertThat(back.getTotalCharge()).isEqualTo(new BigDecimal("210.00")).hasScaleOf(2);
        assertThat(back.getLines().get(0).getService().getDateOfService())
                .isEqualTo(claim.getLines().get(0).getService().getDateOfService());
        assertThat(back.getOccurredAt()).isEqualTo(claim.getOccurredAt());
    }

    @Test
    void aRecordStoredWithTheFirstReleasedSchemaReadsAsTheCurrentClass() throws IOException {
        EncounterCoded current = Samples.load(EncounterCoded.class);
        Schema v1 = released("EncounterCoded", 1);
        // the sample as a v1 writer would have had it: Avro's resolution drops what v1 does not know
        GenericData generic = AvroDataModels.withStandardConversions(new GenericData());
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        var encoder = EncoderFactory.get().binaryEncoder(binary, null);
        new SpecificDatumWriter<EncounterCoded>(EncounterCoded.getClassSchema()).write(current, encoder);
        encoder.flush();
        GenericRecord asV1 = new GenericDatumReader<GenericRecord>(EncounterCoded.getClassSchema(), v1, generic)
                .read(null, DecoderFactory.get().binaryDecoder(binary.toByteArray(), null));
        ByteBuffer storedByV1 = new BinaryMessageEncoder<GenericRecord>(generic, v1).encode(asV1);
        byte[] bytes = Arrays.copyOfRange(storedByV1.array(), storedByV1.arrayOffset(), storedByV1.limit());

        EncounterCoded read = StoredRecords.read(bytes, EncounterCoded.class);

        assertThat(read.getEventId()).isEqualTo(current.getEventId());
        assertThat(read.getServiceLines()).hasSameSizeAs(current.getServiceLines());
        assertThat(read.getDateOfService()).isEqualTo(current.getDateOfService());
        assertThat(read.getPatient()).isEqualTo(current.getPatient());
    }

    @Test
    void aRowStoredAsJsonBeforeStillReads() {
        byte[] legacy = Samples.json(EncounterCoded.class).getBytes(StandardCharsets.UTF_8);

        assertThat(StoredRecords.isSingleObject(legacy)).isFalse();
        assertThat(StoredRecords.read(legacy, EncounterCoded.class)).isEqualTo(Samples.load(EncounterCoded.class));
    }

    @Test
    void damagedBytesAreRefusedWithoutQuotingThem() {
        byte[] stored = StoredRecords.write(Samples.load(EncounterCoded.class));
        byte[] cut = Arrays.copyOf(stored, 40);
        byte[] unknownSchema = stored.clone();
        unknownSchema[5] ^= 0x55;

        assertThatThrownBy(() -> StoredRecords.read(cut, EncounterCoded.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Stored EncounterCoded is not readable");
        assertThatThrownBy(() -> StoredRecords.read(unknownSchema, EncounterCoded.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Stored EncounterCoded is not readable");
    }

    @Test
    void jsonIsNotOnTheWay() {
        // the stored form is binary: no JSON text of the sample appears in it
        byte[] stored = StoredRecords.write(Samples.load(EncounterCoded.class));

        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("\"eventId\"");
        assertThat(stored.length)
                .isLessThan(
                        JsonRecords.write(Samples.load(EncounterCoded.class)).length() / 3);
    }

    private static Schema released(String event, int version) throws IOException {
        try (InputStream in = StoredRecordsTest.class
                .getClassLoader()
                .getResourceAsStream("released/" + event + "/v" + version + ".avsc")) {
            return new Schema.Parser().parse(in);
        }
    }
}
