package io.claimflow.schemas;

import io.claimflow.events.ClaimBilledToPatient;
import io.claimflow.events.ClaimDenied;
import io.claimflow.events.ClaimSubmitted;
import io.claimflow.events.EncounterCoded;
import io.claimflow.events.EncounterDocumented;
import io.claimflow.events.PaymentPosted;
import io.claimflow.events.RecodeRequested;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * The one place that names ClaimFlow's topics, their dead-letter topics, their value subjects and the Avro record
 * each topic carries, so topic creation, schema registration and consumers agree.
 *
 * <p>One topic per event type; every record is keyed by {@code encounterId}.
 */
public final class Topics {

    public static final String ENCOUNTER_DOCUMENTED = "claimflow.encounter.documented.v1";
    public static final String ENCOUNTER_CODED = "claimflow.encounter.coded.v1";
    public static final String CLAIM_SUBMITTED = "claimflow.claim.submitted.v1";
    public static final String CLAIM_BILLED_TO_PATIENT = "claimflow.claim.billed-to-patient.v1";
    public static final String CLAIM_DENIED = "claimflow.claim.denied.v1";
    public static final String RECODE_REQUESTED = "claimflow.claim.recode-requested.v1";
    public static final String PAYMENT_POSTED = "claimflow.payment.posted.v1";

    /** Suffix of a dead-letter topic. */
    public static final String DLT_SUFFIX = ".dlt";

    /** Suffix of a value subject under TopicNameStrategy. */
    public static final String VALUE_SUBJECT_SUFFIX = "-value";

    // insertion order is the order events flow through the system; all() keeps it
    private static final Map<String, Class<? extends SpecificRecordBase>> RECORD_CLASSES;
    private static final Map<String, Schema> SCHEMAS;

    static {
        Map<String, Class<? extends SpecificRecordBase>> classes = new LinkedHashMap<>();
        Map<String, Schema> schemas = new LinkedHashMap<>();
        classes.put(ENCOUNTER_DOCUMENTED, EncounterDocumented.class);
        schemas.put(ENCOUNTER_DOCUMENTED, EncounterDocumented.getClassSchema());
        classes.put(ENCOUNTER_CODED, EncounterCoded.class);
        schemas.put(ENCOUNTER_CODED, EncounterCoded.getClassSchema());
        classes.put(CLAIM_SUBMITTED, ClaimSubmitted.class);
        schemas.put(CLAIM_SUBMITTED, ClaimSubmitted.getClassSchema());
        classes.put(CLAIM_BILLED_TO_PATIENT, ClaimBilledToPatient.class);
        schemas.put(CLAIM_BILLED_TO_PATIENT, ClaimBilledToPatient.getClassSchema());
        classes.put(CLAIM_DENIED, ClaimDenied.class);
        schemas.put(CLAIM_DENIED, ClaimDenied.getClassSchema());
        classes.put(RECODE_REQUESTED, RecodeRequested.class);
        schemas.put(RECODE_REQUESTED, RecodeRequested.getClassSchema());
        classes.put(PAYMENT_POSTED, PaymentPosted.class);
        schemas.put(PAYMENT_POSTED, PaymentPosted.getClassSchema());
        RECORD_CLASSES = Collections.unmodifiableMap(classes);
        SCHEMAS = Collections.unmodifiableMap(schemas);
    }

    private Topics() {}

    /** The seven event topics, in the order events flow (documented, coded, submitted or billed to the patient, denied, recode, paid). */
    public static List<String> all() {
        return List.copyOf(RECORD_CLASSES.keySet());
    }

    /** The seven event topics followed by their seven dead-letter topics. */
    public static List<String> allWithDeadLetters() {
        List<String> topics = new ArrayList<>(all());
        all().forEach(t -> topics.add(dlt(t)));
        return List.copyOf(topics);
    }

    /** Dead-letter topic of {@code topic}: {@code topic + ".dlt"}. */
    public static String dlt(String topic) {
        return topic + DLT_SUFFIX;
    }

    /** Schema registry value subject of {@code topic} under TopicNameStrategy: {@code topic + "-value"}. */
    public static String valueSubject(String topic) {
        return topic + VALUE_SUBJECT_SUFFIX;
    }

    /** The generated Avro class carried by {@code topic}. */
    public static Class<? extends SpecificRecordBase> recordClassOf(String topic) {
        Class<? extends SpecificRecordBase> type = RECORD_CLASSES.get(topic);
        if (type == null) {
            throw new IllegalArgumentException("Not a ClaimFlow event topic: " + topic + " (known: " + all() + ")");
        }
        return type;
    }

    /** The current (writer) Avro schema of the values on {@code topic}. */
    public static Schema schemaOf(String topic) {
        recordClassOf(topic); // same error message for an unknown topic
        return SCHEMAS.get(topic);
    }

    /** The topic that carries events of {@code type}. */
    public static String topicOf(Class<?> type) {
        return RECORD_CLASSES.entrySet().stream()
                .filter(e -> e.getValue().equals(type))
                .map(Map.Entry::getKey)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Not a ClaimFlow event class: " + type.getName()));
    }

    /** Topic to generated Avro class, in {@link #all()} order. */
    public static Map<String, Class<? extends SpecificRecordBase>> recordClasses() {
        return RECORD_CLASSES;
    }

    /** Value subject to current Avro schema for every topic, in {@link #all()} order: what to register. */
    public static Map<String, Schema> valueSchemasBySubject() {
        Map<String, Schema> subjects = new LinkedHashMap<>();
        SCHEMAS.forEach((topic, schema) -> subjects.put(valueSubject(topic), schema));
        return Collections.unmodifiableMap(subjects);
    }
}
