package io.claimflow.schemas.serde;

import org.apache.avro.Schema;

/** Small schemas for the serde tests, independent of the project's event contracts. */
final class SerdeTestSchemas {

    /** Generic-only record with the logical types ClaimFlow relies on. */
    static final Schema PAYMENT = new Schema.Parser().parse("""
            {"type": "record", "name": "Payment", "namespace": "test.serde", "fields": [
              {"name": "paymentId", "type": "string"},
              {"name": "paid", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
              {"name": "paymentDate", "type": {"type": "int", "logicalType": "date"}},
              {"name": "postedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}},
              {"name": "units", "type": ["null", "int"], "default": null},
              {"name": "status", "type": {"type": "enum", "name": "Status", "symbols": ["PAID", "DENIED"]}}
            ]}""");

    /** The first version of {@link Charge}: no currency yet. */
    static final Schema CHARGE_V1 = new Schema.Parser().parse("""
            {"type": "record", "name": "Charge", "namespace": "io.claimflow.schemas.serde", "fields": [
              {"name": "claimId", "type": {"type": "string", "avro.java.string": "String"}},
              {"name": "amount", "type": {"type": "bytes", "logicalType": "decimal", "precision": 12, "scale": 2}},
              {"name": "serviceDate", "type": {"type": "int", "logicalType": "date"}}
            ]}""");

    /** A record whose writer schema names a class that does not exist. */
    static final Schema ORPHAN = new Schema.Parser().parse("""
            {"type": "record", "name": "Missing", "namespace": "io.claimflow.nowhere", "fields": [
              {"name": "id", "type": "string"}
            ]}""");

    private SerdeTestSchemas() {}
}
