package io.claimflow.schemas.registry;

/**
 * A schema registry call failed: the registry answered with an error, could not be reached, or answered with
 * something that is not a registry response.
 *
 * <p>{@link #status()} is the HTTP status ({@link #NO_STATUS} when no response arrived) and {@link #errorCode()}
 * the Confluent {@code error_code} from the response body ({@link #NO_ERROR_CODE} when there was none), e.g.
 * 40401 subject not found, 40402 version not found, 40403 schema not found, 409 incompatible schema, 42201 invalid
 * schema. The message is written for people: it names the registry, the subject or id, and what went wrong.
 */
public class SchemaRegistryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** {@link #status()} when the registry never answered (unreachable, timed out, interrupted). */
    public static final int NO_STATUS = -1;
    /** {@link #errorCode()} when the response carried no Confluent error code. */
    public static final int NO_ERROR_CODE = -1;

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;

    private final int status;
    private final int errorCode;
    private final String registryUrl;

    public SchemaRegistryException(String message, int status, int errorCode, String registryUrl, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
        this.registryUrl = registryUrl;
    }

    public SchemaRegistryException(String message, int status, int errorCode, String registryUrl) {
        this(message, status, errorCode, registryUrl, null);
    }

    /** HTTP status of the registry's answer, or {@link #NO_STATUS}. */
    public int status() {
        return status;
    }

    /** Confluent {@code error_code} of the registry's answer, or {@link #NO_ERROR_CODE}. */
    public int errorCode() {
        return errorCode;
    }

    /** The registry URL (without credentials) the failure came from; several URLs comma-separated when all failed. */
    public String registryUrl() {
        return registryUrl;
    }

    /** True for any "not found" answer (HTTP 404: unknown subject, version or schema id). */
    public boolean isNotFound() {
        return status == 404;
    }

    /** True when no registry answered at all: every URL refused the connection or timed out. */
    public boolean isUnreachable() {
        return status == NO_STATUS;
    }

    /**
     * True when the same call may succeed later without any change on the caller's side: the registry was
     * unreachable, timed out, is overloaded or had a server-side failure. Error handlers use this to retry instead
     * of dead-lettering a record that is fine.
     */
    public boolean isRetriable() {
        return status == NO_STATUS || status == 408 || status == 429 || status >= 500;
    }
}
