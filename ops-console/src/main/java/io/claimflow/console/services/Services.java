package io.claimflow.console.services;

import java.util.List;
import java.util.Map;

/** The services' REST APIs, called as the logged-in user. */
public interface Services {

    /** Service names, in pipeline order. */
    List<String> names();

    ServiceAnswer get(String service, String pathAndQuery);

    /**
     * GETs to {@code service} side by side (a page's list and its filter choices), as the logged-in user: the
     * answers in the order asked. A page waits for the slowest of them, not for their sum.
     */
    default List<ServiceAnswer> getAll(String service, String... pathsAndQueries) {
        return java.util.Arrays.stream(pathsAndQueries)
                .map(path -> get(service, path))
                .toList();
    }

    ServiceAnswer post(String service, String path, Object jsonBody);

    /** A POST with extra request headers, e.g. {@code Idempotency-Key}. */
    ServiceAnswer post(String service, String path, Object jsonBody, Map<String, String> headers);

    /** A file (PDF, X12) as bytes, accepting {@code accept}. */
    ServiceFile file(String service, String pathAndQuery, String accept);

    /** {@code /actuator/health} of every service, without credentials: name to status (UP, DOWN, UNREACHABLE...). */
    Map<String, String> health();

    /** POST of a file as the request body (an X12 file to the gateway), as the logged-in user. */
    ServiceAnswer upload(String service, String path, byte[] content, String contentType);

    /** PUT with a JSON body (a claim's coverage), as the logged-in user. */
    ServiceAnswer put(String service, String path, Object jsonBody);

    /** PATCH with a JSON body (claim-service's corrections), as the logged-in user. */
    ServiceAnswer patch(String service, String path, Object jsonBody);
}
