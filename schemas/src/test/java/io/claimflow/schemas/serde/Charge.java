package io.claimflow.schemas.serde;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * A hand-written stand-in for an avro-maven-plugin generated class (same shape: SCHEMA$, MODEL$ with conversions,
 * per-field conversions), so the serde tests do not depend on the project's event schemas. This is "v2" of the
 * record: {@link SerdeTestSchemas#CHARGE_V1} lacks {@code currency}, which defaults to USD.
 */
public class Charge extends SpecificRecordBase {

    private static final long serialVersionUID = 1L;

    public static final Schema SCHEMA$ = new Schema.Parser().parse("""
            {"type": "record", "name": "Charge", "namespace": "io.claimflow.schemas.serde", "fields": [
              {"name": "claimId", "type": {"type": "string", "avro.java.string": "String"}},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
              {"name": "serviceDate", "type": {"type": "int", "logicalType": "date"}},
              {"name": "currency", "type": {"type": "string", "avro.java.string": "String"}, "default": "USD"},
              {"name": "followUpDates", "type": {"type": "array", "items": ["null", {"type": "int", "logicalType": "date"}]},
               "default": []}
            ]}""");

    private static final SpecificData MODEL$ = new SpecificData();

    static {
        MODEL$.addLogicalTypeConversion(new Conversions.DecimalConversion());
        MODEL$.addLogicalTypeConversion(new TimeConversions.DateConversion());
    }

    private static final Conversion<?>[] CONVERSIONS = {
        null, new Conversions.DecimalConversion(), new TimeConversions.DateConversion(), null, null
    };

    private String claimId;
    private BigDecimal amount;
    private LocalDate serviceDate;
    private String currency;
    private List<LocalDate> followUpDates;

    public Charge() {}

    public Charge(
            String claimId, BigDecimal amount, LocalDate serviceDate, String currency, List<LocalDate> followUpDates) {
        this.claimId = claimId;
        this.amount = amount;
        this.serviceDate = serviceDate;
        this.currency = currency;
        this.followUpDates = followUpDates;
    }

    public Charge(String claimId, BigDecimal amount, LocalDate serviceDate, String currency) {
        this(claimId, amount, serviceDate, currency, List.of());
    }

    public static Schema getClassSchema() {
        return SCHEMA$;
    }

    @Override
    public SpecificData getSpecificData() {
        return MODEL$;
    }

    @Override
    public Schema getSchema() {
        return SCHEMA$;
    }

    @Override
    public Conversion<?> getConversion(int field) {
        return CONVERSIONS[field];
    }

    @Override
    public Object get(int field) {
        return switch (field) {
            case 0 -> claimId;
            case 1 -> amount;
            case 2 -> serviceDate;
            case 3 -> currency;
            case 4 -> followUpDates;
            default -> throw new IndexOutOfBoundsException("Invalid index: " + field);
        };
    }

    @Override
    @SuppressWarnings("unchecked")
    public void put(int field, Object value) {
        switch (field) {
            case 0 -> claimId = value == null ? null : value.toString();
            case 1 -> amount = (BigDecimal) value;
            case 2 -> serviceDate = (LocalDate) value;
            case 3 -> currency = value == null ? null : value.toString();
            case 4 -> followUpDates = (List<LocalDate>) value;
            default -> throw new IndexOutOfBoundsException("Invalid index: " + field);
        }
    }

    public String getClaimId() {
        return claimId;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public LocalDate getServiceDate() {
        return serviceDate;
    }

    public String getCurrency() {
        return currency;
    }

    public List<LocalDate> getFollowUpDates() {
        return followUpDates;
    }

    /** Field by field, like generated classes. */
    @Override
    public boolean equals(Object o) {
        return o instanceof Charge other
                && Objects.equals(claimId, other.claimId)
                && Objects.equals(amount, other.amount)
                && Objects.equals(serviceDate, other.serviceDate)
                && Objects.equals(currency, other.currency)
                && Objects.equals(followUpDates, other.followUpDates);
    }

    @Override
    public int hashCode() {
        return Objects.hash(claimId, amount, serviceDate, currency, followUpDates);
    }
}
