package io.claimflow.registry;

/**
 * An error answered to the client the way Confluent Schema Registry answers it: an HTTP status plus a body
 * {@code {"error_code": ..., "message": ...}}. The factories use Confluent's codes and messages because clients
 * (Confluent's and ours) branch on {@code error_code}.
 */
final class RegistryException extends RuntimeException {

    private final int status;
    private final int errorCode;

    RegistryException(int status, int errorCode, String message) {
        this(status, errorCode, message, null);
    }

    RegistryException(int status, int errorCode, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.errorCode = errorCode;
    }

    int status() {
        return status;
    }

    int errorCode() {
        return errorCode;
    }

    static RegistryException subjectNotFound(String subject) {
        return new RegistryException(404, 40401, "Subject '" + subject + "' not found.");
    }

    static RegistryException versionNotFound(int version) {
        return new RegistryException(404, 40402, "Version " + version + " not found.");
    }

    static RegistryException schemaNotFound() {
        return new RegistryException(404, 40403, "Schema not found");
    }

    static RegistryException schemaNotFound(int id) {
        return new RegistryException(404, 40403, "Schema " + id + " not found");
    }

    static RegistryException subjectSoftDeleted(String subject) {
        return new RegistryException(
                404, 40404, "Subject '" + subject + "' was soft deleted. Set permanent=true to delete permanently");
    }

    static RegistryException subjectNotSoftDeleted(String subject) {
        return new RegistryException(
                404, 40405, "Subject '" + subject + "' was not deleted first before being permanently deleted");
    }

    static RegistryException versionSoftDeleted(String subject, int version) {
        return new RegistryException(
                404,
                40406,
                "Subject '" + subject + "' Version " + version
                        + " was soft deleted. Set permanent=true to delete permanently");
    }

    static RegistryException versionNotSoftDeleted(String subject, int version) {
        return new RegistryException(
                404,
                40407,
                "Subject '" + subject + "' Version " + version
                        + " was not deleted first before being permanently deleted");
    }

    static RegistryException subjectCompatibilityNotConfigured(String subject) {
        return new RegistryException(
                404, 40408, "Subject '" + subject + "' does not have subject-level compatibility configured");
    }

    static RegistryException incompatibleSchema(String message) {
        return new RegistryException(409, 409, message);
    }

    static RegistryException invalidSchema(String message) {
        return new RegistryException(422, 42201, message);
    }

    static RegistryException invalidVersion(String version) {
        return new RegistryException(
                422,
                42202,
                "The specified version '" + version
                        + "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    static RegistryException invalidCompatibilityLevel() {
        return new RegistryException(
                422,
                42203,
                "Invalid compatibility level. Valid values are none, backward, "
                        + "forward, full, backward_transitive, forward_transitive, and full_transitive");
    }

    static RegistryException store(String message, Throwable cause) {
        return new RegistryException(500, 50001, "Error in the backend data store: " + message, cause);
    }

    /** Errors the web layer itself raises (unknown path, wrong method, bad media type), as Jersey words them. */
    static RegistryException http(int status, String reason) {
        return new RegistryException(status, status, "HTTP " + status + " " + reason);
    }
}
