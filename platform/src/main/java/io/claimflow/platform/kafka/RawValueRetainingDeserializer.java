package io.claimflow.platform.kafka;

import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * Spring's {@link ErrorHandlingDeserializer} (delegate set as usual with
 * {@code spring.deserializer.value.delegate.class}) that also keeps a reference to the record's original value bytes
 * in the consumer-side header {@value #RAW_VALUE_HEADER}.
 *
 * <p>Why: a record whose listener fails is dead-lettered with exactly the bytes it arrived with, not with a
 * re-serialization of the decoded object. Re-serializing would need the schema registry on the failure path (and
 * would register the reader's schema under the dead-letter topic's subject), and would not replay byte for byte. The
 * array is the one the consumer already allocated for the record, so nothing is copied. The dead-letter recoverer
 * removes the header before publishing; listeners must not forward incoming headers to records they produce.
 */
public class RawValueRetainingDeserializer extends ErrorHandlingDeserializer<Object> {

    /** Consumer-side header holding the value bytes as received. */
    public static final String RAW_VALUE_HEADER = "claimflow-raw-value";

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        if (!isForKey() && data != null) {
            headers.remove(RAW_VALUE_HEADER);
            headers.add(RAW_VALUE_HEADER, data);
        }
        return super.deserialize(topic, headers, data);
    }
}
