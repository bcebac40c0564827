package io.claimflow.platform.web;

import static io.claimflow.platform.PlatformHttp.client;
import static io.claimflow.platform.PlatformHttp.get;
import static io.claimflow.platform.PlatformHttp.post;
import static org.assertj.core.api.Assertions.assertThat;

import io.claimflow.platform.PlatformTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/** Every REST error is a problem detail with a clear message, and no stack trace or class name. */
@PlatformTest
class ProblemDetailsTest {

    @LocalServerPort
    int port;

    RestClient biller() {
        return client(port, "biller");
    }

    @Test
    void validationErrorsName400AndEachField() {
        ResponseEntity<Map<String, Object>> response = post(
                biller(), "{\"reason\":\" \",\"amount\":-5,\"memberId\":\"x\"}", "/test/claims/{id}/release", "c-1");

        assertProblem(response, 400, "Invalid request");
        @SuppressWarnings("unchecked")
        List<Map<String, String>> errors =
                (List<Map<String, String>>) response.getBody().get("errors");
        assertThat(errors)
                .extracting(error -> error.get("field"))
                .containsExactlyInAnyOrder("reason", "amount", "memberId");
        assertThat(errors).allSatisfy(error -> assertThat(error.get("message")).isNotBlank());
        assertThat((String) response.getBody().get("detail")).contains("amount must be greater than 0");
    }

    @Test
    void unreadableJsonIs400WithWhereNotWhat() {
        ResponseEntity<Map<String, Object>> syntax =
                post(biller(), "{\"reason\": \"x\", \"amount\": ", "/test/claims/{id}/release", "c-1");
        assertProblem(syntax, 400, "Unreadable request");
        assertThat((String) syntax.getBody().get("detail")).startsWith("The request body is not valid JSON");

        ResponseEntity<Map<String, Object>> wrongType = post(
                biller(),
                "{\"reason\":\"x\",\"amount\":1,\"patientBirthDate\":\"14/03/1957\"}",
                "/test/claims/{id}/release",
                "c-1");
        assertProblem(wrongType, 400, "Unreadable request");
        assertThat(wrongType.getBody())
                .containsEntry("detail", "'patientBirthDate' has a value of the wrong type or format");

        assertProblem(post(biller(), "", "/test/claims/{id}/release", "c-1"), 400, "Unreadable request");
    }

    @Test
    void wrongAndMissingParametersAre400() {
        ResponseEntity<Map<String, Object>> mismatch = get(biller(), "/test/claims/{id}/lines?limit=many", "c-1");
        assertProblem(mismatch, 400, "Bad request");
        assertThat(mismatch.getBody()).containsEntry("detail", "'limit' must be a valid int");
        assertProblem(get(biller(), "/test/claims/{id}/lines", "c-1"), 400, null);
    }

    @Test
    void platformExceptionsMapTo404And409And422() {
        ResponseEntity<Map<String, Object>> notFound = get(biller(), "/test/claims/{id}", "missing-1");
        assertProblem(notFound, 404, "Not found");
        assertThat(notFound.getBody()).containsEntry("detail", "No claim missing-1");

        assertProblem(
                post(biller(), "{\"reason\":\"x\",\"amount\":1}", "/test/claims/{id}/release", "released-1"),
                409,
                "Conflict");
        ResponseEntity<Map<String, Object>> tooMuch =
                post(biller(), "{\"reason\":\"x\",\"amount\":20000}", "/test/claims/{id}/release", "c-1");
        assertProblem(tooMuch, 422, "Unprocessable");
        assertThat(tooMuch.getBody()).containsEntry("detail", "Claim c-1: amount is above the release limit");
        assertProblem(get(biller(), "/test/no-such-path"), 404, null);
    }

    @Test
    void unexpectedErrorsAre500WithAReferenceAndNothingElse() {
        ResponseEntity<Map<String, Object>> failed =
                post(biller(), "", "/test/claims/{id}/fail?kind=state&data={d}", "c-1", "secret-text");
        assertProblem(failed, 500, "Internal error");
        assertThat((String) failed.getBody().get("detail")).doesNotContain("secret-text", "IllegalState");
        assertThat(failed.getBody()).containsKey("reference");

        ResponseEntity<Map<String, Object>> duplicate =
                post(biller(), "", "/test/claims/{id}/fail?kind=duplicate&data={d}", "c-1", "secret-key");
        assertProblem(duplicate, 409, "Conflict");
        assertThat(duplicate.getBody().toString()).doesNotContain("secret-key", "member_id");
    }

    private static void assertProblem(ResponseEntity<Map<String, Object>> response, int status, String title) {
        assertThat(response.getStatusCode().value()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody()).containsEntry("status", status).doesNotContainKeys("trace", "exception");
        if (title != null) {
            assertThat(response.getBody()).containsEntry("title", title);
        }
        String text = response.getBody().toString();
        assertThat(text).doesNotContain("Exception", "at io.claimflow", "at org.springframework");
    }
}
