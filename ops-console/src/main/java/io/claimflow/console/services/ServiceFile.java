package io.claimflow.console.services;

/**
 * A file a service sent (a statement PDF, an X12 interchange), or why there was none.
 *
 * @param status HTTP status, 0 when the service could not be reached
 * @param content the bytes, null unless the call succeeded
 * @param contentType the media type the service gave
 * @param problem a short text for the page when the call failed
 */
public record ServiceFile(int status, byte[] content, String contentType, String problem) {

    public boolean ok() {
        return status >= 200 && status < 300 && content != null;
    }
}
