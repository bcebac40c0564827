package io.claimflow.schemas.json;

/**
 * Plain JSON that does not fit an Avro schema, or a record that cannot be written as plain JSON. The message
 * names the field path, e.g. {@code EncounterCoded.serviceLines[1].units}, and what was expected. It does not
 * repeat the offending value (it may be patient data), except an unknown enum symbol, so it is safe to log.
 */
public class JsonRecordException extends IllegalArgumentException {

    private final String path;

    public JsonRecordException(String path, String problem) {
        this(path, problem, null);
    }

    public JsonRecordException(String path, String problem, Throwable cause) {
        super(path + ": " + problem, cause);
        this.path = path;
    }

    /** Path of the offending field from the root record, e.g. {@code ClaimSubmitted.lines[0].chargeAmount}. */
    public String path() {
        return path;
    }
}
