package io.claimflow.registry;

/** Avro record schemas for the tests, written as text the way a producer would send them. */
final class Schemas {

    static final String ID = "{\"name\":\"id\",\"type\":\"string\"}";
    static final String AMOUNT = "{\"name\":\"amount\",\"type\":\"int\"}";
    static final String AMOUNT_WITH_DEFAULT = "{\"name\":\"amount\",\"type\":\"int\",\"default\":0}";
    static final String NOTE = "{\"name\":\"note\",\"type\":\"string\"}";
    static final String NOTE_WITH_DEFAULT = "{\"name\":\"note\",\"type\":\"string\",\"default\":\"\"}";

    private Schemas() {}

    /** A record named {@code name} with the given field definitions. */
    static String record(String name, String... fields) {
        return "{\"type\":\"record\",\"name\":\"" + name + "\",\"namespace\":\"io.claimflow.test\",\"fields\":["
                + String.join(",", fields) + "]}";
    }
}
