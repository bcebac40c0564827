package io.claimflow.schemas.serde;

import java.util.ArrayList;
import java.util.Collection;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * The Avro data models the serde reads and writes with: which Java types stand for logical types, and how
 * generated classes are found.
 */
final class AvroDataModels {

    /** GenericRecords with BigDecimal, LocalDate, Instant, UUID, ... for logical types. */
    static final GenericData GENERIC_WITH_CONVERSIONS = withStandardConversions(new GenericData());

    /** GenericRecords with the raw Avro types (ByteBuffer, int, long, ...) for logical types. */
    static final GenericData GENERIC_RAW = new GenericData();

    /** Writes any record by field name against a writer schema other than its own; see {@link ByNameData}. */
    static final GenericData BY_NAME = withStandardConversions(new ByNameData());

    private AvroDataModels() {}

    static <T extends GenericData> T withStandardConversions(T data) {
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampNanosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampNanosConversion());
        return data;
    }

    /**
     * The model to read a generated class with. Avro's own lookup ({@code SpecificData.getForSchema}) finds
     * classes through the class loader that loaded Avro, which misses application classes under Spring Boot's
     * launcher, DevTools' restart loader or plugin loaders, and then silently hands back GenericRecords. So load
     * nested types through the class's own loader, and take the logical-type conversions the generated class was
     * compiled with (its {@code MODEL$}), so field types match the generated code.
     * Arrays come back as {@link ArrayList}s; see {@link SpecificReadData}.
     */
    static SpecificData specificReadModel(Class<?> recordClass) {
        SpecificData model = new SpecificReadData(recordClass.getClassLoader());
        for (Conversion<?> conversion : SpecificData.getForClass(recordClass).getConversions()) {
            model.addLogicalTypeConversion(conversion);
        }
        return model;
    }

    /**
     * Reads arrays into plain {@link ArrayList}s instead of Avro's {@code GenericData.Array}, whose
     * {@code equals} compares through {@code GenericData.get()}: that model knows no logical types, so comparing
     * two records read from Kafka whose lists hold a BigDecimal, or a LocalDate in a union, throws instead of
     * answering. Generated classes declare {@code java.util.List} fields, so any list will do.
     */
    static final class SpecificReadData extends SpecificData {

        SpecificReadData(ClassLoader classLoader) {
            super(classLoader);
        }

        @Override
        public Object newArray(Object old, int size, Schema schema) {
            if (old instanceof Collection<?> reused) {
                reused.clear();
                return old;
            }
            return new ArrayList<>(size);
        }
    }

    /**
     * Serves record fields by name rather than by position, and a missing field as the writer field's default.
     * Used when the writer schema is the subject's latest schema rather than the record's own
     * ({@code use.latest.version}): Avro's writers fetch fields by the writer schema's positions, which are wrong
     * as soon as the two schemas differ (a producer built against v1 while the registry already has v2).
     */
    static final class ByNameData extends SpecificData {

        @Override
        protected Object getRecordState(Object record, Schema schema) {
            return schema;
        }

        @Override
        protected Object getField(Object record, String name, int position, Object state) {
            if (record instanceof IndexedRecord indexed) {
                Schema.Field own = indexed.getSchema().getField(name);
                if (own != null) {
                    return indexed.get(own.pos());
                }
                Schema.Field writerField = ((Schema) state).getField(name);
                return getDefaultValue(writerField);
            }
            return super.getField(record, name, position, state);
        }
    }
}
