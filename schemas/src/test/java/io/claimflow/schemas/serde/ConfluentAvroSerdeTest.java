package io.claimflow.schemas.serde;

import static io.claimflow.schemas.serde.SerdeTestSchemas.CHARGE_V1;
import static io.claimflow.schemas.serde.SerdeTestSchemas.ORPHAN;
import static io.claimflow.schemas.serde.SerdeTestSchemas.PAYMENT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.claimflow.schemas.registry.FakeSchemaRegistry;
import io.claimflow.schemas.registry.SchemaRegistryClient;
import io.claimflow.schemas.registry.SchemaRegistryClientConfig;
import io.claimflow.schemas.registry.SchemaRegistryException;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConfluentAvroSerdeTest {

    private static final String TOPIC = "claimflow.test.payments.v1";
    /** Ids from here make the byte order of the id visible. */
    private static final int FIRST_ID = 0x01020304;

    private FakeSchemaRegistry registry;

    @BeforeEach
    void startRegistry() {
        registry = FakeSchemaRegistry.start(FIRST_ID);
    }

    @AfterEach
    void stopRegistry() {
        registry.close();
    }

    private Map<String, Object> config(Object... keyValues) {
        Map<String, Object> config = new HashMap<>();
        config.put("schema.registry.url", registry.url());
        for (int i = 0; i < keyValues.length; i += 2) {
            config.put((String) keyValues[i], keyValues[i + 1]);
        }
        return config;
    }

    private ConfluentAvroSerializer serializer(Object... keyValues) {
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(config(keyValues), false);
        return serializer;
    }

    private ConfluentAvroDeserializer deserializer(Object... keyValues) {
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(config(keyValues), false);
        return deserializer;
    }

    private static GenericRecord payment() {
        return new GenericRecordBuilder(PAYMENT)
                .set("paymentId", "PAY-1")
                .set("paid", new BigDecimal("1234.50"))
                .set("paymentDate", LocalDate.of(2026, 3, 14))
                .set("postedAt", Instant.parse("2026-03-15T08:30:00.123Z"))
                .set("units", 3)
                .set(
                        "status",
                        new GenericData.EnumSymbol(PAYMENT.getField("status").schema(), "PAID"))
                .build();
    }

    private static GenericRecord chargeV1(String claimId) {
        return new GenericRecordBuilder(CHARGE_V1)
                .set("claimId", claimId)
                .set("amount", new BigDecimal("99.95"))
                .set("serviceDate", LocalDate.of(2026, 1, 2))
                .build();
    }

    @Test
    void wireFormatIsMagicByteThenBigEndianIdThenPlainAvroBinary() throws Exception {
        GenericRecord record = payment();

        byte[] bytes = serializer().serialize(TOPIC, record);

        GenericData plain = new GenericData();
        plain.addLogicalTypeConversion(new Conversions.DecimalConversion());
        plain.addLogicalTypeConversion(new TimeConversions.DateConversion());
        plain.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
        new GenericDatumWriter<GenericRecord>(PAYMENT, plain).write(record, encoder);
        encoder.flush();

        assertThat(bytes[0]).isZero();
        assertThat(Arrays.copyOfRange(bytes, 1, 5)).containsExactly(0x01, 0x02, 0x03, 0x04);
        assertThat(Arrays.copyOfRange(bytes, 5, bytes.length)).isEqualTo(expected.toByteArray());
        assertThat(registry.requests())
                .extracting(Object::toString)
                .containsExactly("POST /subjects/" + TOPIC + "-value/versions");
    }

    @Test
    void genericRecordsRoundTripWithDecimalDateAndTimestamp() {
        byte[] bytes = serializer().serialize(TOPIC, payment());

        Object read = deserializer("specific.avro.reader", "false").deserialize(TOPIC, bytes);

        assertThat(read).isInstanceOf(GenericRecord.class);
        GenericRecord record = (GenericRecord) read;
        assertThat(record.getSchema()).isEqualTo(PAYMENT);
        assertThat(record.get("paymentId")).hasToString("PAY-1");
        assertThat(record.get("paid")).isEqualTo(new BigDecimal("1234.50"));
        assertThat(record.get("paymentDate")).isEqualTo(LocalDate.of(2026, 3, 14));
        assertThat(record.get("postedAt")).isEqualTo(Instant.parse("2026-03-15T08:30:00.123Z"));
        assertThat(record.get("units")).isEqualTo(3);
        assertThat(record.get("status")).hasToString("PAID");
    }

    @Test
    void logicalTypeConvertersCanBeSwitchedOffForGenericRecords() {
        byte[] bytes = serializer().serialize(TOPIC, payment());

        GenericRecord record = (GenericRecord)
                deserializer("specific.avro.reader", "false", "avro.use.logical.type.converters", "false")
                        .deserialize(TOPIC, bytes);

        assertThat(record.get("paymentDate"))
                .isEqualTo((int) LocalDate.of(2026, 3, 14).toEpochDay());
        assertThat(record.get("paid")).isInstanceOf(java.nio.ByteBuffer.class);
    }

    @Test
    void specificRecordsRoundTripAndCompareEqual() {
        Charge charge = new Charge(
                "CLM-7",
                new BigDecimal("250.00"),
                LocalDate.of(2026, 2, 1),
                "EUR",
                Arrays.asList(LocalDate.of(2026, 3, 1), null));
        byte[] bytes = serializer().serialize(TOPIC, charge);
        ConfluentAvroDeserializer deserializer = deserializer();

        Object read = deserializer.deserialize(TOPIC, bytes);

        assertThat(read).isInstanceOf(Charge.class);
        Charge copy = (Charge) read;
        assertThat(copy.getClaimId()).isEqualTo("CLM-7");
        assertThat(copy.getAmount()).isEqualTo(new BigDecimal("250.00"));
        assertThat(copy.getServiceDate()).isEqualTo(LocalDate.of(2026, 2, 1));
        assertThat(copy.getCurrency()).isEqualTo("EUR");
        assertThat(copy.getFollowUpDates()).containsExactly(LocalDate.of(2026, 3, 1), null);
        // Avro's own array type would throw here: its equals knows no logical types.
        assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(copy).isEqualTo(charge);
    }

    @Test
    void aRecordWrittenWithTheOldSchemaIsReadWithTheNewClassAndItsDefault() {
        byte[] v1Bytes = serializer().serialize(TOPIC, chargeV1("CLM-1"));

        Charge read = (Charge) deserializer().deserialize(TOPIC, v1Bytes);

        assertThat(read.getClaimId()).isEqualTo("CLM-1");
        assertThat(read.getAmount()).isEqualTo(new BigDecimal("99.95"));
        assertThat(read.getServiceDate()).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(read.getCurrency()).isEqualTo("USD");
        assertThat(read.getFollowUpDates()).isEmpty();
    }

    @Test
    void theRegistryIsCalledOncePerSchemaNotPerRecord() {
        ConfluentAvroSerializer serializer = serializer();
        ConfluentAvroDeserializer deserializer = deserializer("specific.avro.reader", false);

        byte[] first = serializer.serialize(TOPIC, payment());
        byte[] second = serializer.serialize(TOPIC, payment());
        deserializer.deserialize(TOPIC, first);
        deserializer.deserialize(TOPIC, second);

        assertThat(registry.requests())
                .extracting(Object::toString)
                .containsExactly("POST /subjects/" + TOPIC + "-value/versions", "GET /schemas/ids/" + FIRST_ID);
    }

    @Test
    void nullIsATombstoneBothWays() {
        assertThat(serializer().serialize(TOPIC, null)).isNull();
        assertThat(deserializer().deserialize(TOPIC, null)).isNull();
        assertThat(registry.requestCount()).isZero();
    }

    @Test
    void keysUseTheKeySubject() {
        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(config(), true);

        serializer.serialize(TOPIC, payment());

        assertThat(registry.requests().get(0).path()).isEqualTo("/subjects/" + TOPIC + "-key/versions");
    }

    @Test
    void aPayloadInAnotherFormatIsRefusedByItsMagicByte() {
        byte[] bytes = {7, 0, 0, 0, 1, 2, 3};

        assertThatThrownBy(() -> deserializer().deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageStartingWith("Unknown magic byte 7: not Confluent wire format")
                .hasMessageContaining(TOPIC);
        assertThat(registry.requestCount()).isZero();
    }

    @Test
    void aTruncatedPayloadIsRefused() {
        assertThatThrownBy(() -> deserializer().deserialize(TOPIC, new byte[] {0, 0, 1}))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Payload of 3 bytes")
                .hasMessageContaining("too short for the Confluent wire format");
    }

    @Test
    void truncatedAvroDataIsReportedWithItsSchemaId() {
        byte[] bytes = serializer().serialize(TOPIC, payment());
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 4);

        assertThatThrownBy(() -> deserializer("specific.avro.reader", false).deserialize(TOPIC, cut))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Could not decode the Avro data of a record with schema id " + FIRST_ID);
    }

    @Test
    void anUnknownSchemaIdIsNamed() {
        byte[] bytes = {0, 0, 0, 0, 99, 2, 'x'};

        SerializationException e = catchThrowableOfType(
                SerializationException.class, () -> deserializer().deserialize(TOPIC, bytes));

        assertThat(e.getMessage())
                .startsWith("Schema id 99 not found in registry (40403)")
                .contains(registry.url())
                .contains(TOPIC);
        assertThat(e.getCause()).isInstanceOf(SchemaRegistryException.class);
    }

    @Test
    void aRegistryThatIsDownIsNamedAndRetriable() {
        byte[] bytes = serializer().serialize(TOPIC, payment());
        String dead = FakeSchemaRegistry.deadUrl();
        ConfluentAvroDeserializer deserializer = new ConfluentAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", dead), false);

        SerializationException e =
                catchThrowableOfType(SerializationException.class, () -> deserializer.deserialize(TOPIC, bytes));

        assertThat(e.getMessage())
                .startsWith("Schema registry at " + dead + " is unreachable")
                .contains("schema id " + FIRST_ID);
        assertThat(((SchemaRegistryException) e.getCause()).isRetriable()).isTrue();

        ConfluentAvroSerializer serializer = new ConfluentAvroSerializer();
        serializer.configure(Map.of("schema.registry.url", dead), false);
        assertThatThrownBy(() -> serializer.serialize(TOPIC, payment()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(
                        "Could not register schema test.serde.Payment under subject '" + TOPIC + "-value'")
                .hasMessageContaining("Schema registry at " + dead + " is unreachable");
    }

    @Test
    void withoutAutoRegistrationTheSchemaMustAlreadyBeRegistered() {
        ConfluentAvroSerializer serializer = serializer("auto.register.schemas", "false");

        assertThatThrownBy(() -> serializer.serialize(TOPIC, payment()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("auto.register.schemas=false")
                .hasMessageContaining("not found in registry (40401)");

        int id = new SchemaRegistryClient(SchemaRegistryClientConfig.of(registry.url()))
                .register(TOPIC + "-value", PAYMENT);
        registry.clearRequests();
        byte[] bytes = serializer.serialize(TOPIC, payment());
        serializer.serialize(TOPIC, payment());

        assertThat(id(bytes)).isEqualTo(id);
        assertThat(registry.requests())
                .extracting(Object::toString)
                .containsExactly("POST /subjects/" + TOPIC + "-value");
    }

    @Test
    void useLatestVersionWritesWithTheLatestSchemaAndFillsDefaults() {
        SchemaRegistryClient admin = new SchemaRegistryClient(SchemaRegistryClientConfig.of(registry.url()));
        admin.register(TOPIC + "-value", CHARGE_V1);
        int v2 = admin.register(TOPIC + "-value", Charge.SCHEMA$);
        ConfluentAvroSerializer serializer = serializer("auto.register.schemas", false, "use.latest.version", true);

        byte[] bytes = serializer.serialize(TOPIC, chargeV1("CLM-2"));
        GenericRecord read =
                (GenericRecord) deserializer("specific.avro.reader", false).deserialize(TOPIC, bytes);

        assertThat(id(bytes)).isEqualTo(v2);
        assertThat(read.getSchema()).isEqualTo(Charge.SCHEMA$);
        assertThat(read.get("claimId")).hasToString("CLM-2");
        assertThat(read.get("amount")).isEqualTo(new BigDecimal("99.95"));
        assertThat(read.get("currency")).hasToString("USD");
    }

    @Test
    void useLatestVersionRefusesALatestSchemaThatCannotReadTheRecord() {
        registry.compatibilityChecks(false);
        Schema unreadable = new Schema.Parser().parse("""
                {"type": "record", "name": "Charge", "namespace": "io.claimflow.schemas.serde", "fields": [
                  {"name": "claimId", "type": "string"},
                  {"name": "payer", "type": "string"}
                ]}""");
        new SchemaRegistryClient(SchemaRegistryClientConfig.of(registry.url())).register(TOPIC + "-value", unreadable);

        assertThatThrownBy(() -> serializer("auto.register.schemas", false, "use.latest.version", true)
                        .serialize(TOPIC, chargeV1("CLM-3")))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("The latest schema of subject '" + TOPIC + "-value'")
                .hasMessageContaining("payer");
    }

    @Test
    void aClassThatIsMissingOrCannotReadTheRecordIsExplained() {
        GenericRecord orphan = new GenericRecordBuilder(ORPHAN).set("id", "x").build();
        byte[] orphanBytes = serializer().serialize(TOPIC, orphan);
        Schema clash = new Schema.Parser().parse("""
                {"type": "record", "name": "Charge", "namespace": "io.claimflow.schemas.serde", "fields": [
                  {"name": "claimId", "type": "long"}
                ]}""");
        byte[] clashBytes = serializer()
                .serialize(
                        "other",
                        new GenericRecordBuilder(clash).set("claimId", 5L).build());

        assertThatThrownBy(() -> deserializer().deserialize(TOPIC, orphanBytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("No class io.claimflow.nowhere.Missing on the classpath")
                .hasMessageContaining("specific.avro.reader=false");
        assertThatThrownBy(() -> deserializer().deserialize("other", clashBytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Class io.claimflow.schemas.serde.Charge cannot read records written with");
    }

    @Test
    void encodingErrorsDoNotQuoteFieldValues() {
        GenericRecord bad = payment();
        bad.put("units", "Jane Doe");

        SerializationException e = catchThrowableOfType(
                SerializationException.class, () -> serializer().serialize(TOPIC, bad));

        assertThat(e.getMessage())
                .contains("Could not encode a test.serde.Payment record")
                .contains("units")
                .doesNotContain("Jane Doe");
        for (Throwable t = e; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("Jane Doe");
        }
    }

    @Test
    void refusesWhatItCannotSerializeOrConfigure() {
        assertThatThrownBy(() -> serializer().serialize(TOPIC, "a plain string"))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("cannot serialize a java.lang.String");
        assertThatThrownBy(() -> serializer("use.latest.version", "true"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auto.register.schemas=false");
        assertThatThrownBy(() -> serializer(
                        "value.subject.name.strategy", "io.confluent.kafka.serializers.subject.RecordNameStrategy"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TopicNameStrategy");
        assertThatThrownBy(() -> new ConfluentAvroDeserializer().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> new ConfluentAvroSerializer().serialize(TOPIC, payment()))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aGivenClientIsUsedWithoutConfiguration() {
        SchemaRegistryClient client = new SchemaRegistryClient(SchemaRegistryClientConfig.of(registry.url()));
        Charge charge = new Charge("CLM-9", new BigDecimal("1.00"), LocalDate.of(2026, 5, 5), "USD");

        Object read = new ConfluentAvroDeserializer(client)
                .deserialize(TOPIC, new ConfluentAvroSerializer(client).serialize(TOPIC, charge));

        assertThat(((Charge) read).getClaimId()).isEqualTo("CLM-9");
        assertThat(registry.requestCount())
                .as("the id's schema came from the registration")
                .isEqualTo(1);
    }

    @Test
    void oneSerdePairServesManyThreads() throws Exception {
        ConfluentAvroSerializer serializer = serializer();
        ConfluentAvroDeserializer deserializer = deserializer();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String claimId = "CLM-" + i;
                boolean old = i % 2 == 0;
                results.add(pool.submit(() -> {
                    Object record = old
                            ? chargeV1(claimId)
                            : new Charge(claimId, new BigDecimal("10.00"), LocalDate.of(2026, 1, 1), "CAD");
                    Charge read = (Charge) deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, record));
                    return read.getClaimId() + "/" + read.getCurrency();
                }));
            }
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).get()).isEqualTo("CLM-" + i + "/" + (i % 2 == 0 ? "USD" : "CAD"));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static int id(byte[] bytes) {
        return java.nio.ByteBuffer.wrap(bytes, 1, 4).getInt();
    }
}
