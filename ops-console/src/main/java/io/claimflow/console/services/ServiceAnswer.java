package io.claimflow.console.services;

/**
 * What a service said: the HTTP status and the JSON body as maps, lists and scalars; or why there was no answer.
 *
 * @param status HTTP status, 0 when the service could not be reached
 * @param body parsed JSON (Map, List, String, Number, Boolean) or null
 * @param problem a short text for the page when the call failed (the problem detail's detail, or what went wrong)
 */
public record ServiceAnswer(int status, Object body, String problem) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }
}
